import {
  isAliveState,
  LEGACY_FAILURE_MESSAGE,
  UnknownExecutionError,
  type AgentExecutionPhase,
  type AgentExecutionTracker,
  type ExecutionRecord,
  type LegacyNotifier,
} from '@aet/tracker-core';
import { warnDeprecated } from './deprecation.js';
import type { AgentExecutionState, ExecutionSummary } from './legacyShapes.js';
import { clockOf, resolveTracker, type ShimOptions } from './resolveTracker.js';

const COMPLETED_HISTORY_LIMIT = 100;
// Legacy callers await every transition: hand back settled promises instead of making new ones.
const RESOLVED_TRUE = Promise.resolve(true);
const RESOLVED_FALSE = Promise.resolve(false);
const WARN_POLICY = Object.freeze({ policy: 'warn' as const });

/** Options of the {@link AgentStateTracker} shim. */
export interface AgentStateTrackerOptions extends ShimOptions {
  /**
   * Execution deadline of executions started here. The legacy tracker had none; an hour ends
   * forgotten executions instead of leaking them. @default 3600
   */
  readonly executionTimeoutSeconds?: number;
}

/**
 * The legacy phase tracker, kept working on top of the SSOT tracker: every execution it starts
 * lives in the tracker; this object only remembers which ids are its own.
 * @deprecated Use `getExecutionTracker()` from `@aet/tracker-core`: `createExecution`,
 * `transitionState`, `completeExecution`/`failExecution` + `cleanupState`, `getMetrics`,
 * `findStuckExecutions`.
 */
export class AgentStateTracker {
  private readonly tracker: () => AgentExecutionTracker;
  private readonly executionTimeoutSeconds: number;
  // The executions started here, with the clock time each started (for the summary).
  private readonly ownIds = new Map<string, number>();
  // Outcome and duration of the last completions, for the summary (derived figures, not state),
  // in a fixed ring so that recording one costs the same however full it is.
  private readonly completionSuccess: boolean[] = [];
  private readonly completionDurationMs: number[] = [];
  private completionCursor = 0;

  constructor(options?: AgentStateTrackerOptions) {
    warnDeprecated('AgentStateTracker');
    this.tracker = resolveTracker(options);
    this.executionTimeoutSeconds = options?.executionTimeoutSeconds ?? 3600;
  }

  /**
   * Starts tracking an execution in phase `created` and returns its id (a tracker id, not the
   * legacy `agent_run_ms`). The run id doubles as the thread id, which the legacy API lacked.
   * @deprecated Use `tracker.createExecution({ agentName, userId, threadId, runId })`.
   */
  startExecution(
    agentName: string,
    runId: string,
    userId: string,
    metadata?: Record<string, unknown>,
  ): string {
    const id = this.tracker().createExecution({
      agentName,
      userId,
      threadId: runId,
      runId,
      timeoutSeconds: this.executionTimeoutSeconds,
      // The legacy tracker had no liveness check: phases were its only signal.
      heartbeatTimeoutSeconds: null,
      ...(metadata === undefined ? {} : { metadata }),
    });
    this.ownIds.set(id, clockOf(this.tracker()).now());
    return id;
  }

  /**
   * Moves the execution to `newPhase`. As in the legacy API, a transition the table does not
   * allow is applied with a warning, and an unknown id gives `false`.
   * @deprecated Use `tracker.transitionState(id, phase, { metadata, notifier })`.
   */
  transitionPhase(
    executionId: string,
    newPhase: AgentExecutionPhase,
    metadata?: Record<string, unknown>,
    websocketManager?: LegacyNotifier,
  ): Promise<boolean> {
    try {
      const options =
        metadata === undefined && websocketManager === undefined
          ? WARN_POLICY
          : { policy: 'warn' as const, metadata, notifier: websocketManager };
      return this.tracker().transitionState(executionId, newPhase, options)
        ? RESOLVED_TRUE
        : RESOLVED_FALSE;
    } catch (error) {
      // The tracker knows every id: one it does not know is the legacy `false`.
      if (error instanceof UnknownExecutionError) return RESOLVED_FALSE;
      return Promise.reject(error);
    }
  }

  /**
   * Ends the execution as completed (or failed when `success` is false) and moves it out of the
   * active set. Unknown ids are ignored, as in the legacy API.
   * @deprecated Use `tracker.completeExecution(id)` or `tracker.failExecution(id, error)`, then
   * `tracker.cleanupState(id)`.
   */
  completeExecution(executionId: string, success = true): void {
    const startedAt = this.ownIds.get(executionId);
    if (startedAt === undefined) return;
    this.ownIds.delete(executionId);
    const tracker = this.tracker();
    const state = tracker.getExecutionState(executionId);
    if (state === undefined) return;
    let completed = state === 'completed';
    if (isAliveState(state)) {
      completed = success && tracker.completeExecution(executionId);
      if (!success) tracker.failExecution(executionId, LEGACY_FAILURE_MESSAGE);
    }
    const slot = this.completionCursor;
    this.completionSuccess[slot] = completed;
    this.completionDurationMs[slot] = clockOf(tracker).now() - startedAt;
    this.completionCursor = (slot + 1) % COMPLETED_HISTORY_LIMIT;
    tracker.cleanupState(executionId);
  }

  /**
   * The legacy record of an active execution, or undefined.
   * @deprecated Use `tracker.getExecution(id)`.
   */
  getExecutionState(executionId: string): AgentExecutionState | undefined {
    if (!this.ownIds.has(executionId)) return undefined;
    const record = this.tracker().getExecution(executionId);
    return record && toLegacyState(record);
  }

  /**
   * Every active execution started here, by id.
   * @deprecated Use `tracker.getActiveExecutions()`.
   */
  getActiveExecutions(): Record<string, AgentExecutionState> {
    const active: Record<string, AgentExecutionState> = {};
    for (const record of this.ownRecords()) active[record.id] = toLegacyState(record);
    return active;
  }

  /**
   * Counts, the success rate in percent (0–100, as the legacy API), phases of active executions
   * and durations of the last 100 completions.
   * @deprecated Use `tracker.getMetrics()` (rates there are fractions 0..1).
   */
  getExecutionSummary(): ExecutionSummary {
    const phaseDistribution: Partial<Record<AgentExecutionPhase, number>> = {};
    let active = 0;
    for (const record of this.ownRecords()) {
      active++;
      phaseDistribution[record.phase] = (phaseDistribution[record.phase] ?? 0) + 1;
    }
    const durations = this.completionDurationMs;
    const successCount = this.completionSuccess.filter(Boolean).length;
    const completed = durations.length;
    return {
      activeExecutions: active,
      completedExecutions: completed,
      successRate: completed === 0 ? 0 : (successCount / completed) * 100,
      phaseDistribution,
      performance: {
        successCount,
        failureCount: completed - successCount,
        avgDurationMs: completed === 0 ? 0 : durations.reduce((a, b) => a + b, 0) / completed,
        maxDurationMs: completed === 0 ? 0 : Math.max(...durations),
        minDurationMs: completed === 0 ? 0 : Math.min(...durations),
      },
    };
  }

  /**
   * Ids of active executions whose current phase has lasted longer than `timeoutMs`.
   * @deprecated Use `tracker.findStuckExecutions(thresholdMs)`.
   */
  detectStuckExecutions(timeoutMs = 30_000): string[] {
    return this.tracker()
      .findStuckExecutions(timeoutMs)
      .filter((id) => this.ownIds.has(id));
  }

  private *ownRecords(): Generator<ExecutionRecord> {
    const tracker = this.tracker();
    for (const id of this.ownIds.keys()) {
      const record = tracker.getExecution(id);
      if (record === undefined) {
        // Cleaned up through the tracker directly: no longer active here either.
        this.ownIds.delete(id);
        continue;
      }
      if (isAliveState(record.state)) yield record;
    }
  }
}

function toLegacyState(record: ExecutionRecord): AgentExecutionState {
  return {
    agentName: record.agentName,
    runId: record.runId,
    userId: record.userId,
    currentPhase: record.phase,
    startTime: new Date(record.createdAt),
    lastUpdate: new Date(record.updatedAt),
    phaseHistory: record.phaseHistory,
    executionMetadata: record.metadata,
    warningCount: record.warningCount,
    errorCount: record.errorCount,
  };
}

let singleton: AgentStateTracker | undefined;

/**
 * The module-level legacy state tracker, on the SSOT singleton.
 * @deprecated Use `getExecutionTracker()` from `@aet/tracker-core`.
 */
export function getAgentStateTracker(): AgentStateTracker {
  warnDeprecated('getAgentStateTracker');
  singleton ??= new AgentStateTracker();
  return singleton;
}

export type { AgentExecutionState, ExecutionSummary } from './legacyShapes.js';
// Legacy code imported the phase enum from the state tracker module; it is the SSOT's own.
export { AgentExecutionPhase } from '@aet/tracker-core';
