// Runtime settings, read once from the environment (tests pass their own env object).

/** @param {Record<string, string | undefined>} env @param {string} name @param {number} fallback */
function numberFrom(env, name, fallback) {
  const value = Number(env[name] || fallback);
  if (Number.isFinite(value) && value >= 0) return value;
  throw new Error(`config: ${name} must be a non-negative number, got ${env[name]}`);
}

/** @param {Record<string, string | undefined>} [env] */
export function loadConfig(env = process.env) {
  return Object.freeze({
    agentName: env.HELPDESK_AGENT_NAME ?? 'triage_agent',
    agentTimeoutSeconds: numberFrom(env, 'HELPDESK_AGENT_TIMEOUT_S', 25),
    llmTimeoutSeconds: numberFrom(env, 'HELPDESK_LLM_TIMEOUT_S', 15),
    llmMaxRetries: numberFrom(env, 'HELPDESK_LLM_RETRIES', 2),
    retryBaseDelaySeconds: numberFrom(env, 'HELPDESK_RETRY_BASE_S', 0.2),
    retryMaxDelaySeconds: numberFrom(env, 'HELPDESK_RETRY_MAX_S', 2),
    breakerFailureThreshold: numberFrom(env, 'HELPDESK_BREAKER_FAILURES', 3),
    breakerRecoverySeconds: numberFrom(env, 'HELPDESK_BREAKER_RECOVERY_S', 30),
    summaryJobTimeoutSeconds: numberFrom(env, 'HELPDESK_SUMMARY_TIMEOUT_S', 30),
    maxMessageLength: numberFrom(env, 'HELPDESK_MAX_MESSAGE_LENGTH', 4000),
  });
}

/** @typedef {ReturnType<typeof loadConfig>} AppConfig */
