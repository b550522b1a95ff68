import type { AgentExecutionTracker } from './agentExecutionTracker.js';
import { isAliveState } from './executionState.js';
import { systemClock } from './systemClock.js';

/** What the legacy `ExecutionTracker.getHealthStatus()` reported, computed from the tracker. */
export interface LegacyHealthStatus {
  /** No alive execution is stuck. */
  readonly healthy: boolean;
  readonly totalExecutions: number;
  readonly activeExecutions: number;
  readonly failedExecutions: number;
  readonly timeoutExecutions: number;
  readonly deadExecutions: number;
  readonly stuckExecutions: number;
  readonly stuckDetails: readonly {
    readonly executionId: string;
    readonly agentName: string;
    readonly silentForSeconds: number;
  }[];
}

/**
 * The legacy health report from the tracker: its metrics, and as stuck every alive execution
 * with a heartbeat deadline that has been silent for more than half of it (the legacy rule).
 * `executionIds` limits "stuck" to those executions (the shim passes its own).
 * Prefer `tracker.getMetrics()` and `tracker.findStuckExecutions(ms)` in new code.
 */
export function legacyHealthStatus(
  tracker: AgentExecutionTracker,
  options: { readonly executionIds?: Iterable<string> } = {},
): LegacyHealthStatus {
  const metrics = tracker.getMetrics();
  const now = (tracker.configuration.clock ?? systemClock).now();
  const records =
    options.executionIds === undefined
      ? tracker.getActiveExecutions()
      : [...options.executionIds].flatMap((id) => tracker.getExecution(id) ?? []);
  const stuckDetails: LegacyHealthStatus['stuckDetails'][number][] = [];
  for (const record of records) {
    if (!isAliveState(record.state) || record.heartbeatTimeoutSeconds === null) continue;
    const silentForSeconds = (now - record.lastHeartbeatAt) / 1000;
    if (silentForSeconds > record.heartbeatTimeoutSeconds / 2)
      stuckDetails.push({ executionId: record.id, agentName: record.agentName, silentForSeconds });
  }
  return {
    healthy: stuckDetails.length === 0,
    totalExecutions: metrics.totalExecutions,
    activeExecutions: metrics.activeExecutions,
    failedExecutions: metrics.failedExecutions,
    timeoutExecutions: metrics.timeoutExecutions,
    deadExecutions: metrics.deadExecutions,
    stuckExecutions: stuckDetails.length,
    stuckDetails,
  };
}
