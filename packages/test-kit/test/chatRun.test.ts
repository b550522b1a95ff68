import { describe, expect, it } from 'vitest';
import { createExecutionTracker, ManualClock, type TrackerEvent } from '@aet/tracker-core';
import { runChat } from '@aet/test-kit';

describe('runChat', () => {
  it("emits one complete run of the user's: the five critical events, six in all", () => {
    const tracker = createExecutionTracker({ store: null, clock: new ManualClock(0) });
    const events: TrackerEvent[] = [];
    tracker.subscribe((event) => events.push(event));
    const id = runChat(tracker, 'user-vic-0001', { toolParameters: { q: 'weather' } });
    expect(events).toHaveEmittedCriticalEvents({ executionId: id });
    expect(events.map((event) => [event.type, event.userId, event.executionId])).toEqual(
      [
        'agent_started',
        'agent_thinking',
        'agent_thinking',
        'tool_executing',
        'tool_completed',
        'agent_completed',
      ].map((type) => [type, 'user-vic-0001', id]),
    );
    expect(events[3]).toMatchObject({ toolName: 'search', parameters: { q: 'weather' } });
    expect(events[4]).toMatchObject({ results: { hits: 3 }, durationMs: 12 });
    expect(events[5]).toMatchObject({ finalResponse: 'answer for user-vic-0001' });
    expect(tracker.getExecution(id)?.state).toBe('completed');
  });
});
