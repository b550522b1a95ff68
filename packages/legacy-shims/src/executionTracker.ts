import {
  ExecutionState,
  legacyHealthStatus,
  type AgentExecutionTracker,
  type ExecutionRecord,
  type TrackerMetrics,
} from '@aet/tracker-core';
import { warnDeprecated } from './deprecation.js';
import type { HealthStatus } from './legacyShapes.js';
import { resolveTracker, type ShimOptions } from './resolveTracker.js';

/** A legacy recovery callback: told about each execution that died or timed out. */
export type RecoveryCallback = (execution: ExecutionRecord) => unknown;

/**
 * The older heartbeat tracker, kept working on top of the SSOT tracker. Its executions are the
 * tracker's, with the tracker's heartbeat and deadline detection.
 * @deprecated Use `getExecutionTracker()` from `@aet/tracker-core`: `createExecution`,
 * `startExecution`, `heartbeat`, `completeExecution`/`failExecution`, `cancelExecution`,
 * `getMetrics`, `onDeath`/`onTimeout`.
 */
export class ExecutionTracker {
  private readonly tracker: () => AgentExecutionTracker;
  private readonly ownIds = new Set<string>();

  constructor(options?: ShimOptions) {
    warnDeprecated('ExecutionTracker');
    this.tracker = resolveTracker(options);
  }

  /**
   * Registers an execution (pending) and returns its id.
   * @deprecated Use `tracker.createExecution({ agentName, userId, threadId, timeoutSeconds })`.
   */
  registerExecution(
    agentName: string,
    correlationId: string,
    threadId: string,
    userId: string,
    timeoutSeconds = 30,
  ): Promise<string> {
    try {
      const id = this.tracker().createExecution({
        agentName,
        userId,
        threadId,
        timeoutSeconds,
        metadata: { correlationId },
      });
      this.ownIds.add(id);
      return Promise.resolve(id);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * Moves a pending execution to running; false for an unknown id or one not pending.
   * @deprecated Use `tracker.startExecution(id)`.
   */
  startExecution(executionId: string): Promise<boolean> {
    const tracker = this.tracker();
    if (!this.owns(executionId) || !tracker.startExecution(executionId))
      return Promise.resolve(false);
    return Promise.resolve(tracker.updateExecutionState(executionId, ExecutionState.RUNNING));
  }

  /**
   * Records a heartbeat; false for an unknown or finished execution.
   * @deprecated Use `tracker.heartbeat(id)`.
   */
  heartbeat(executionId: string): Promise<boolean> {
    return Promise.resolve(this.owns(executionId) && this.tracker().heartbeat(executionId));
  }

  /**
   * Completes the execution, or fails it when `error` is given. Unknown ids are ignored.
   * @deprecated Use `tracker.completeExecution(id, { result })` or `tracker.failExecution(id, error)`.
   */
  completeExecution(executionId: string, result?: unknown, error?: string | Error): Promise<void> {
    if (this.owns(executionId)) {
      const tracker = this.tracker();
      if (error !== undefined) tracker.failExecution(executionId, error);
      else tracker.completeExecution(executionId, result === undefined ? undefined : { result });
    }
    return Promise.resolve();
  }

  /**
   * Stops the execution (it ends `cancelled`); false for an unknown or finished one.
   * @deprecated Use `tracker.cancelExecution(id, reason)`.
   */
  killExecution(executionId: string, reason = 'killed'): Promise<boolean> {
    return Promise.resolve(
      this.owns(executionId) && this.tracker().cancelExecution(executionId, reason),
    );
  }

  /**
   * Totals from the tracker, and the executions registered here that have been silent for more
   * than half their heartbeat timeout ("stuck"); healthy while none are.
   * @deprecated Use `tracker.getMetrics()` and `tracker.findStuckExecutions()`.
   */
  getHealthStatus(): HealthStatus {
    return legacyHealthStatus(this.tracker(), { executionIds: this.ownIds });
  }

  /**
   * Calls `callback` with each execution registered here that dies or times out.
   * @deprecated Use `tracker.onDeath(cb)` and `tracker.onTimeout(cb)`.
   */
  registerRecoveryCallback(callback: RecoveryCallback): void {
    const tracker = this.tracker();
    const mine = (record: ExecutionRecord): unknown =>
      this.ownIds.has(record.id) ? callback(record) : undefined;
    tracker.onDeath(mine);
    tracker.onTimeout(mine);
  }

  /**
   * The tracker's metrics.
   * @deprecated Use `tracker.getMetrics()`.
   */
  collectMetrics(): TrackerMetrics {
    return this.tracker().getMetrics();
  }

  private owns(executionId: string): boolean {
    return this.ownIds.has(executionId) && this.tracker().getExecution(executionId) !== undefined;
  }
}

let singleton: ExecutionTracker | undefined;

/**
 * The module-level legacy execution tracker, on the SSOT singleton.
 * @deprecated Use `getExecutionTracker()` from `@aet/tracker-core`.
 */
export function getExecutionTracker(): ExecutionTracker {
  warnDeprecated('getExecutionTracker');
  singleton ??= new ExecutionTracker();
  return singleton;
}

/**
 * Initialises and returns the module-level legacy execution tracker (the SSOT needs no start).
 * @deprecated Use `getExecutionTracker()` from `@aet/tracker-core`.
 */
export function initExecutionTracker(): Promise<ExecutionTracker> {
  warnDeprecated('initExecutionTracker');
  singleton ??= new ExecutionTracker();
  return Promise.resolve(singleton);
}

export type { HealthStatus } from './legacyShapes.js';
// Legacy code imported the state enum from this module; it is the SSOT's own.
export { ExecutionState } from '@aet/tracker-core';
