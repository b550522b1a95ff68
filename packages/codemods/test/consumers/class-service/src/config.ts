/** Service configuration, read once from the environment at boot. */
export interface AppConfig {
  readonly agentTimeoutSeconds: number; // hard limit for one agent run
  readonly llmTimeoutSeconds: number; // limit for one LLM completion
  readonly runWatchdogSeconds: number; // after this a run is reported as lost
  readonly toolRetryDelaySeconds: number; // first retry delay of flaky tools (doubles)
  readonly maxMessageChars: number;
}

function num(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`invalid numeric setting: ${JSON.stringify(raw)}`);
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    agentTimeoutSeconds: num(env.AGENT_TIMEOUT_SECONDS, 25),
    llmTimeoutSeconds: num(env.LLM_TIMEOUT_SECONDS, 15),
    runWatchdogSeconds: num(env.RUN_WATCHDOG_SECONDS, 60),
    toolRetryDelaySeconds: num(env.TOOL_RETRY_DELAY_SECONDS, 1),
    maxMessageChars: num(env.MAX_MESSAGE_CHARS, 4000),
    ...overrides,
  };
}
