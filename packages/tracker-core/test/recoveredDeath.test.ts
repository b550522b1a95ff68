import { describe, expect, it } from 'vitest';
import {
  createExecutionTracker,
  InvalidArgumentError,
  ManualClock,
  type ExecutionRecord,
  type TrackerEvent,
} from '@aet/tracker-core';

/** A record as another process's tracker left it in a store, marked DEAD by a death sweep. */
function foreignDeadRecord(): ExecutionRecord {
  const other = createExecutionTracker({ store: null, clock: new ManualClock(1_000) });
  const id = other.createExecution({ agentName: 'triage', userId: 'user-r-0001', threadId: 't-1' });
  other.startExecution(id);
  const record = other.getExecution(id) as ExecutionRecord;
  return { ...record, state: 'dead', completedAt: 9_000, version: record.version + 1 };
}

describe('reportRecoveredDeath', () => {
  it("emits the record's agent_death, numbered after its last event, and runs the onDeath callbacks", () => {
    const clock = new ManualClock(10_000);
    const tracker = createExecutionTracker({ store: null, clock });
    const events: TrackerEvent[] = [];
    const callbacks: ExecutionRecord[] = [];
    tracker.subscribe((event) => events.push(event));
    tracker.onDeath((record) => callbacks.push(record));
    const record = foreignDeadRecord();
    tracker.reportRecoveredDeath(record);
    expect(events).toEqual([
      expect.objectContaining({
        type: 'agent_death',
        executionId: record.id,
        userId: 'user-r-0001',
        seq: record.seq + 1,
        timestamp: 10_000,
        cause: 'no_heartbeat',
      }),
    ]);
    expect(callbacks).toEqual([record]);
    // It is not this tracker's execution: nothing is added to its own state.
    expect(tracker.getExecution(record.id)).toBeUndefined();
    expect(tracker.getMetrics().deadExecutions).toBe(0);
  });

  it('refuses a record that is not dead', () => {
    const tracker = createExecutionTracker({ store: null });
    const alive = { ...foreignDeadRecord(), state: 'running' as const };
    expect(() => {
      tracker.reportRecoveredDeath(alive);
    }).toThrow(InvalidArgumentError);
    expect(() => {
      tracker.reportRecoveredDeath(alive);
    }).toThrow('reportRecoveredDeath takes a record in state dead, got "running"');
  });
});
