'use strict';
// Timeouts, retries and the model circuit breaker, on the process-wide timeout manager.
// ES-module-only library, hence `await import()` (see runLedger.cjs); Node caches the module.

/** Applies our settings at startup. @param {import('./config.js').AppConfig} config */
async function configureResilience(config) {
  const legacy = await import('@aet/legacy-shims');
  legacy.configureTimeoutManager({
    agentExecutionTimeout: config.agentTimeoutSeconds,
    llmApiTimeout: config.llmTimeoutSeconds,
    maxRetries: config.llmMaxRetries,
    retryBaseDelay: config.retryBaseDelaySeconds,
    retryMaxDelay: config.retryMaxDelaySeconds,
    failureThreshold: config.breakerFailureThreshold,
    recoveryTimeout: config.breakerRecoverySeconds,
  });
}

/**
 * Runs one agent turn under the agent deadline; a timeout or error is reported to the socket.
 * @template T
 * @param {string} agentName @param {string} runId
 * @param {import('./notifier.js').ChatNotifier} notifier @param {() => Promise<T>} turn
 */
async function runAgentTurn(agentName, runId, notifier, turn) {
  const legacy = await import('@aet/legacy-shims');
  return legacy.getTimeoutManager().executeAgentWithTimeout(turn, agentName, runId, notifier);
}

/** A model call, through the breaker, retried. @param {string} op @param {() => Promise<string>} call */
async function callModel(op, call) {
  const legacy = await import('@aet/legacy-shims');
  const manager = legacy.getTimeoutManager();
  return manager.executeWithRetry(() => manager.executeLlmWithCircuitBreaker(call, op), op);
}

/**
 * The apology the user gets instead of an answer (also pushed to their socket).
 * @param {string} agentName @param {unknown} error @param {string} runId
 * @param {import('./notifier.js').ChatNotifier} notifier
 */
async function sendFallback(agentName, error, runId, notifier) {
  const legacy = await import('@aet/legacy-shims');
  return legacy.getTimeoutManager().createFallbackResponse(agentName, error, runId, notifier);
}

/** Runs in flight, the model breaker's state, agent run durations. */
async function agentStats() {
  const legacy = await import('@aet/legacy-shims');
  return legacy.getTimeoutManager().getExecutionStats();
}

/** @param {unknown} error */
const isTimeout = (error) => error instanceof Error && /timed out/i.test(error.message);

module.exports = { configureResilience, runAgentTurn, callModel, sendFallback, agentStats, isTimeout };
