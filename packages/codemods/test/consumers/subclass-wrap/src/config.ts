// Runtime settings of the support desk backend; each can be overridden from the environment.

export interface AppConfig {
  agentTimeoutSeconds: number; // hard limit for one agent turn
  modelTimeoutSeconds: number; // limit for one model completion
  modelProvider: string; // model calls share one circuit breaker per provider
  toolRetries: number; // extra attempts for a flaky tool
  retryDelaySeconds: number; // first retry delay, doubled after each attempt
  maxMessageLength: number;
  stuckAfterMs: number; // a run that stays this long in one phase is reported as stuck
}

export const DEFAULT_CONFIG: Readonly<AppConfig> = Object.freeze({
  agentTimeoutSeconds: 25, modelTimeoutSeconds: 15, modelProvider: 'openai', toolRetries: 2,
  retryDelaySeconds: 1, maxMessageLength: 4000, stuckAfterMs: 30_000,
});

function num(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`invalid numeric setting: ${raw}`);
  return value;
}

export function loadConfig(overrides: Partial<AppConfig> = {}, env = process.env): AppConfig {
  const d = DEFAULT_CONFIG;
  return {
    agentTimeoutSeconds: num(env.AGENT_TIMEOUT_SECONDS, d.agentTimeoutSeconds),
    modelTimeoutSeconds: num(env.MODEL_TIMEOUT_SECONDS, d.modelTimeoutSeconds),
    modelProvider: env.MODEL_PROVIDER?.trim() || d.modelProvider,
    toolRetries: Math.floor(num(env.TOOL_RETRIES, d.toolRetries)),
    retryDelaySeconds: num(env.RETRY_DELAY_SECONDS, d.retryDelaySeconds),
    maxMessageLength: num(env.MAX_MESSAGE_LENGTH, d.maxMessageLength),
    stuckAfterMs: num(env.STUCK_AFTER_MS, d.stuckAfterMs),
    ...overrides,
  };
}
