import { describe, expect, it } from 'vitest';
import { createExecutionTracker } from './executionTrackerSingleton.js';
import { legacyCompleteExecution } from './legacyCompleteExecution.js';
import { ManualClock } from './manualClock.js';
import type { TrackerEvent } from './trackerEvent.js';

function trackerWithOneRun() {
  const tracker = createExecutionTracker({
    store: null,
    clock: new ManualClock(1_700_000_000_000),
  });
  const events: TrackerEvent['type'][] = [];
  tracker.subscribe((event) => events.push(event.type));
  const id = tracker.createExecution({
    agentName: 'summarizer',
    userId: 'user-4821',
    threadId: 'thread-1',
  });
  tracker.startExecution(id);
  return { tracker, id, events };
}

describe(legacyCompleteExecution, () => {
  it('completes an alive execution and cleans it up', () => {
    const { tracker, id, events } = trackerWithOneRun();
    legacyCompleteExecution(tracker, id);
    expect(tracker.getExecution(id)).toBeUndefined();
    expect(tracker.getCompletedExecutions().map((record) => [record.id, record.state])).toEqual([
      [id, 'completed'],
    ]);
    expect(events.at(-1)).toBe('agent_completed');
  });

  it('fails it with the legacy message when success is false', () => {
    const { tracker, id } = trackerWithOneRun();
    legacyCompleteExecution(tracker, id, false);
    expect(tracker.getCompletedExecutions()).toMatchObject([
      { id, state: 'failed', error: 'Agent execution failed' },
    ]);
    expect(tracker.getMetrics()).toMatchObject({ successfulExecutions: 0, failedExecutions: 1 });
  });

  it('only cleans up an execution that already ended (a timeout stays a timeout)', () => {
    const { tracker, id } = trackerWithOneRun();
    tracker.failExecution(id, 'the LLM refused');
    legacyCompleteExecution(tracker, id, true);
    expect(tracker.getCompletedExecutions()).toMatchObject([{ id, state: 'failed' }]);
    expect(tracker.getMetrics()).toMatchObject({ successfulExecutions: 0, failedExecutions: 1 });
  });

  it('ignores an unknown id, as the legacy API did', () => {
    const { tracker } = trackerWithOneRun();
    expect(() => {
      legacyCompleteExecution(tracker, 'exec_unknown', false);
    }).not.toThrow();
    expect(tracker.getMetrics()).toMatchObject({ activeExecutions: 1, failedExecutions: 0 });
  });
});
