// Reads the chat backend settings from the environment (CHAT_* variables), with defaults.

export type AgentKind = 'triage' | 'research' | 'billing' | 'report';
type Env = Readonly<Record<string, string | undefined>>;

const intFrom = (env: Env, key: string, fallback: number, min = 0): number => {
  const raw = env[key];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`config: ${key} must be an integer >= ${min}, got ${JSON.stringify(raw)}`);
  }
  return value;
};

export function loadConfig(env: Env = process.env) {
  const timeout = (kind: AgentKind, fallback: number) =>
    intFrom(env, `CHAT_${kind.toUpperCase()}_TIMEOUT_MS`, fallback, 1);
  const agentTimeoutMs: Record<AgentKind, number> = {
    triage: timeout('triage', 2_000),
    research: timeout('research', 4_000),
    billing: timeout('billing', 2_000),
    report: timeout('report', 5_000),
  };
  return Object.freeze({
    agentTimeoutMs,
    urgentTimeoutMs: intFrom(env, 'CHAT_URGENT_TIMEOUT_MS', 250, 1),
    llmTimeoutMs: intFrom(env, 'CHAT_LLM_TIMEOUT_MS', 1_500, 1),
    retry: {
      attempts: intFrom(env, 'CHAT_RETRY_ATTEMPTS', 2),
      baseDelayMs: intFrom(env, 'CHAT_RETRY_BASE_DELAY_MS', 20),
      maxDelayMs: intFrom(env, 'CHAT_RETRY_MAX_DELAY_MS', 100),
    },
    breaker: {
      failures: intFrom(env, 'CHAT_BREAKER_FAILURES', 3, 1),
      cooldownMs: intFrom(env, 'CHAT_BREAKER_COOLDOWN_MS', 30_000, 1),
    },
    heartbeatMs: intFrom(env, 'CHAT_HEARTBEAT_MS', 200, 1),
    maxMessageLength: intFrom(env, 'CHAT_MAX_MESSAGE_LENGTH', 4_000, 1),
  });
}

export type ChatConfig = ReturnType<typeof loadConfig>;
