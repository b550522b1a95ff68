import type { LegacyApi } from '../../audit/rules/legacyModules.js';

/** The legacy classes, by exported name. */
export const LEGACY_CLASSES: Readonly<Record<string, LegacyApi>> = {
  AgentStateTracker: 'stateTracker',
  AgentExecutionTimeoutManager: 'timeoutManager',
  ExecutionTracker: 'executionTracker',
};

/** The legacy module-level getters, by exported name. */
export const LEGACY_GETTERS: Readonly<Record<string, LegacyApi>> = {
  getAgentStateTracker: 'stateTracker',
  getTimeoutManager: 'timeoutManager',
  initExecutionTracker: 'executionTracker',
};

/**
 * Names the legacy modules export with the same name and meaning as the SSOT module: an import of
 * one moves to the SSOT module unchanged. (The shims re-export the SSOT's objects; the legacy
 * `getExecutionTracker()` becomes the SSOT's function of the same name, whose tracker the
 * `engines` phase rewrites every call on.)
 */
export const SHARED_NAMES: Readonly<Record<string, LegacyApi>> = {
  AgentExecutionPhase: 'stateTracker',
  TimeoutConfig: 'timeoutManager',
  ExecutionState: 'executionTracker',
  getExecutionTracker: 'executionTracker',
};

/** A legacy type and the SSOT type that replaces it; `marker` when the shapes differ. */
export interface TypeReplacement {
  readonly api: LegacyApi;
  readonly target: string;
  readonly marker?: string;
}

export const LEGACY_TYPES: Readonly<Record<string, TypeReplacement>> = {
  AgentStateTracker: { api: 'stateTracker', target: 'AgentExecutionTracker' },
  AgentExecutionState: { api: 'stateTracker', target: 'AgentStateView' },
  ExecutionSummary: {
    api: 'stateTracker',
    target: 'TrackerMetrics',
    marker:
      'ExecutionSummary became TrackerMetrics: successRate is a fraction 0..1, phase distribution and durations are gone',
  },
  AgentExecutionTimeoutManager: { api: 'timeoutManager', target: 'AgentExecutionTracker' },
  ExecutionStats: {
    api: 'timeoutManager',
    target: 'TrackerMetrics',
    marker:
      "ExecutionStats became TrackerMetrics: the breaker's state is tracker.circuitBreakerStatus('llm'), the config is tracker.configuration.timeoutConfig",
  },
  ExecutionTracker: { api: 'executionTracker', target: 'AgentExecutionTracker' },
  HealthStatus: { api: 'executionTracker', target: 'LegacyHealthStatus' },
};

/** The API a legacy export belongs to, when the name says. */
export function apiOfLegacyName(name: string): LegacyApi | undefined {
  return (
    LEGACY_CLASSES[name] ?? LEGACY_GETTERS[name] ?? SHARED_NAMES[name] ?? LEGACY_TYPES[name]?.api
  );
}

/** The legacy API's name as users know it, for messages. */
export const API_TITLES: Readonly<Record<LegacyApi, string>> = {
  stateTracker: 'AgentStateTracker',
  timeoutManager: 'AgentExecutionTimeoutManager',
  executionTracker: 'ExecutionTracker',
};
