import { describe, expect, it } from 'vitest';
import { createExecutionTracker } from './executionTrackerSingleton.js';
import { legacyHealthStatus } from './legacyHealthStatus.js';
import { ManualClock } from './manualClock.js';

function trackerWithTwoRuns() {
  const clock = new ManualClock(1_700_000_000_000);
  const tracker = createExecutionTracker({ store: null, clock });
  const quiet = tracker.createExecution({
    agentName: 'summarizer',
    userId: 'user-4821',
    threadId: 'thread-1',
    heartbeatTimeoutSeconds: 10,
  });
  const chatty = tracker.createExecution({
    agentName: 'triage',
    userId: 'u_alice',
    threadId: 'thread-2',
    heartbeatTimeoutSeconds: 10,
  });
  tracker.startExecution(quiet);
  tracker.startExecution(chatty);
  clock.advance(6_000);
  tracker.heartbeat(chatty);
  return { tracker, quiet, chatty };
}

describe(legacyHealthStatus, () => {
  it('reports as stuck an alive execution silent for more than half its heartbeat timeout', () => {
    const { tracker, quiet } = trackerWithTwoRuns();
    expect(legacyHealthStatus(tracker)).toEqual({
      healthy: false,
      totalExecutions: 2,
      activeExecutions: 2,
      failedExecutions: 0,
      timeoutExecutions: 0,
      deadExecutions: 0,
      stuckExecutions: 1,
      stuckDetails: [{ executionId: quiet, agentName: 'summarizer', silentForSeconds: 6 }],
    });
  });

  it('looks only at the executions it is given, when given some', () => {
    const { tracker, chatty } = trackerWithTwoRuns();
    expect(legacyHealthStatus(tracker, { executionIds: [chatty, 'exec_unknown'] })).toMatchObject({
      healthy: true,
      stuckExecutions: 0,
      stuckDetails: [],
    });
  });
});
