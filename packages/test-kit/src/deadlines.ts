import type { AgentExecutionTracker, ExecutionState, ManualClock } from '@aet/tracker-core';
import { TestKitError } from './testKitError.js';

/** What happened around a deadline. */
export interface DeadlineOutcome {
  /** Epoch ms of the deadline: the first millisecond past the timeout, when the execution ends. */
  readonly at: number;
  /** The state 1 ms before it. */
  readonly before: ExecutionState | undefined;
  /** The state at it. */
  readonly after: ExecutionState | undefined;
}

/**
 * Advances `clock` to 1 ms before the execution's heartbeat or execution deadline (that is, to
 * exactly its timeout: both are strict, so the execution is still alive there), reads the state,
 * advances the last millisecond, and reads it again: a test can assert that nothing fired early
 * and that it fired exactly on time.
 * @example
 * const { before, after } = advanceToDeadline(clock, tracker, id, 'heartbeat');
 * expect([before, after]).toEqual(['running', 'dead']);
 */
export function advanceToDeadline(
  clock: ManualClock,
  tracker: AgentExecutionTracker,
  executionId: string,
  which: 'heartbeat' | 'execution',
): DeadlineOutcome {
  const record = tracker.getExecution(executionId);
  if (record === undefined) {
    throw new TestKitError(
      'TEST_KIT_BAD_OPTIONS',
      `advanceToDeadline: unknown execution ${JSON.stringify(executionId)}`,
    );
  }
  let at: number;
  if (which === 'heartbeat') {
    if (record.heartbeatTimeoutSeconds === null) {
      throw new TestKitError(
        'TEST_KIT_BAD_OPTIONS',
        `execution ${executionId} has no heartbeat deadline`,
      );
    }
    at = record.lastHeartbeatAt + record.heartbeatTimeoutSeconds * 1000 + 1;
  } else {
    at = record.createdAt + record.timeoutSeconds * 1000 + 1;
  }
  if (at - 1 < clock.now()) {
    throw new TestKitError(
      'TEST_KIT_BAD_OPTIONS',
      `the ${which} deadline of ${executionId} (${at}) has already passed`,
    );
  }
  clock.advanceTo(at - 1);
  const before = tracker.getExecutionState(executionId);
  clock.advanceTo(at);
  return { at, before, after: tracker.getExecutionState(executionId) };
}
