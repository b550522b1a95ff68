/** The legacy APIs, each with its replacement and a stable warning code. */
export const DEPRECATIONS = {
  AgentStateTracker: {
    code: 'AET_DEP_AGENT_STATE_TRACKER',
    replacement:
      'getExecutionTracker() from @aet/tracker-core (createExecution, transitionState, …)',
  },
  getAgentStateTracker: {
    code: 'AET_DEP_GET_AGENT_STATE_TRACKER',
    replacement: 'getExecutionTracker() from @aet/tracker-core',
  },
  AgentExecutionTimeoutManager: {
    code: 'AET_DEP_TIMEOUT_MANAGER',
    replacement:
      'trackExecutionWithTimeout / executeWithCircuitBreaker / executeWithRetry on the tracker from @aet/tracker-core',
  },
  getTimeoutManager: {
    code: 'AET_DEP_GET_TIMEOUT_MANAGER',
    replacement: 'getExecutionTracker() from @aet/tracker-core',
  },
  configureTimeoutManager: {
    code: 'AET_DEP_CONFIGURE_TIMEOUT_MANAGER',
    replacement: 'configureExecutionTracker({ timeoutConfig }) from @aet/tracker-core',
  },
  ExecutionTracker: {
    code: 'AET_DEP_EXECUTION_TRACKER',
    replacement: 'getExecutionTracker() from @aet/tracker-core (createExecution, heartbeat, …)',
  },
  getExecutionTracker: {
    code: 'AET_DEP_GET_EXECUTION_TRACKER',
    replacement: 'getExecutionTracker() from @aet/tracker-core',
  },
  initExecutionTracker: {
    code: 'AET_DEP_INIT_EXECUTION_TRACKER',
    replacement: 'getExecutionTracker() from @aet/tracker-core',
  },
} as const;

/** A legacy API name. */
export type DeprecatedApi = keyof typeof DEPRECATIONS;

const warned = new Set<DeprecatedApi>();

/**
 * Emits a `DeprecationWarning` for `api` the first time it is used in this process, with a stable
 * code (`AET_DEP_…`), so `node --no-deprecation` or a `process.on('warning')` filter can act on it.
 * @internal
 */
export function warnDeprecated(api: DeprecatedApi): void {
  if (warned.has(api)) return;
  warned.add(api);
  const { code, replacement } = DEPRECATIONS[api];
  process.emitWarning(`${api} from @aet/legacy-shims is deprecated: use ${replacement}.`, {
    type: 'DeprecationWarning',
    code,
  });
}
