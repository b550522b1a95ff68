/** Runtime settings of the assistant, read from the environment with production defaults. */
export interface AgentRuntimeConfig {
  agentTimeoutSeconds: number; // wall-clock budget of one agent run
  llmTimeoutSeconds: number; // budget of one model call
  maxRetries: number; // retries of a failing tool call after the first attempt
  retryDelaySeconds: number; // delay before the first retry (doubles after each attempt)
  summaryTimeoutSeconds: number; // budget of a background thread summary
  maxMessageLength: number;
}

function numberFromEnv(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`invalid numeric setting: ${raw}`);
  return value;
}

export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<AgentRuntimeConfig> = {},
): AgentRuntimeConfig {
  return {
    agentTimeoutSeconds: numberFromEnv(env.ACME_AGENT_TIMEOUT_S, 25),
    llmTimeoutSeconds: numberFromEnv(env.ACME_LLM_TIMEOUT_S, 15),
    maxRetries: numberFromEnv(env.ACME_TOOL_RETRIES, 2),
    retryDelaySeconds: numberFromEnv(env.ACME_RETRY_DELAY_S, 1),
    summaryTimeoutSeconds: numberFromEnv(env.ACME_SUMMARY_TIMEOUT_S, 30),
    maxMessageLength: numberFromEnv(env.ACME_MAX_MESSAGE_LENGTH, 4000),
    ...overrides,
  };
}
