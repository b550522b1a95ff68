import {
  AgentExecutionPhase as P,
  createExecutionTracker,
  ManualClock,
  type AgentExecutionTracker,
  type TrackerConfigInput,
  type TrackerEvent,
} from '@aet/tracker-core';

export const USER = 'user-5d1c8e';
export const THREAD = 'thread-2b7f90';

/** An isolated tracker on a ManualClock, recording every event. */
export function setup(config: TrackerConfigInput = {}): {
  clock: ManualClock;
  tracker: AgentExecutionTracker;
  events: TrackerEvent[];
} {
  const clock = new ManualClock(1_700_000_000_000);
  const tracker = createExecutionTracker({ clock, ...config });
  const events: TrackerEvent[] = [];
  tracker.subscribe((event) => events.push(event));
  return { clock, tracker, events };
}

/** The set-up phases the reference table requires before `starting`. */
export const SETUP_PHASES = [P.WEBSOCKET_SETUP, P.CONTEXT_VALIDATION, P.STARTING] as const;

/** Drives an execution through a complete, valid chat run with one tool call. */
export function runFullChat(tracker: AgentExecutionTracker, executionId: string): void {
  tracker.startExecution(executionId);
  for (const phase of SETUP_PHASES) tracker.transitionState(executionId, phase);
  tracker.transitionState(executionId, P.THINKING, {
    metadata: { reasoning: 'Looking up the order' },
  });
  tracker.transitionState(executionId, P.TOOL_PREPARATION);
  tracker.toolStarted(executionId, 'order_lookup', { orderId: 'A-17' });
  tracker.toolCompleted(executionId, 'order_lookup', {
    result: { status: 'shipped' },
    durationMs: 120,
  });
  tracker.transitionState(executionId, P.RESULT_PROCESSING);
  tracker.transitionState(executionId, P.COMPLETING);
  tracker.completeExecution(executionId, { result: { finalResponse: 'Your order has shipped.' } });
}
