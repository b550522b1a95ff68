import type { AgentExecutionTracker } from './agentExecutionTracker.js';
import { isAliveState } from './executionState.js';

/** The failure the legacy `completeExecution(id, false)` recorded: it took no error. */
export const LEGACY_FAILURE_MESSAGE = 'Agent execution failed';

/**
 * The legacy `AgentStateTracker.completeExecution(id, success)` as one call on the tracker:
 * an alive execution is completed (or failed, when `success` is false), and the execution is
 * then cleaned up; an unknown id is ignored, as the legacy API did. One expression, so a
 * migration can put it wherever the legacy call stood (an arrow's body, a `.then` callback).
 * Prefer `tracker.completeExecution(id)` or `tracker.failExecution(id, error)`, then
 * `tracker.cleanupState(id)`, in new code.
 */
export function legacyCompleteExecution(
  tracker: AgentExecutionTracker,
  executionId: string,
  success = true,
): void {
  const state = tracker.getExecutionState(executionId);
  if (state === undefined) return;
  if (isAliveState(state)) {
    if (success) tracker.completeExecution(executionId);
    else tracker.failExecution(executionId, LEGACY_FAILURE_MESSAGE);
  }
  tracker.cleanupState(executionId);
}
