import { describe, expect, it } from 'vitest';
import {
  createExecutionTracker,
  MemoryExecutionStore,
  type ExecutionRecord,
} from '@aet/tracker-core';
import { raceOperations, TestKitError } from '@aet/test-kit';

describe('raceOperations', () => {
  it('holds the invariant for compare-and-set: exactly one of two racing transitions wins', async () => {
    const report = await raceOperations({
      runs: 30,
      seed: 3,
      setup: async () => {
        const store = new MemoryExecutionStore();
        const tracker = createExecutionTracker({ store: null });
        const id = tracker.createExecution({
          agentName: 'a',
          userId: 'user-race-0001',
          threadId: 'thread-race-1',
        });
        const record = tracker.getExecution(id) as ExecutionRecord;
        await store.write('owner', [{ kind: 'upsert', record }], 10_000);
        return { store, record };
      },
      operations: [
        ({ store, record }) =>
          store.compareAndSet(record.id, record.version, {
            ...record,
            state: 'dead',
            version: record.version + 1,
          }),
        ({ store, record }) =>
          store.compareAndSet(record.id, record.version, {
            ...record,
            state: 'completed',
            version: record.version + 1,
          }),
      ],
      invariant: (_context, results) => {
        const wins = results.filter((r) => r.status === 'fulfilled' && r.value === true);
        expect(wins).toHaveLength(1);
      },
    });
    expect(report.failures).toEqual([]);
  });

  it('finds the interleaving that breaks a read-then-write counter', async () => {
    const report = await raceOperations({
      runs: 30,
      seed: 11,
      setup: () => ({ value: 0 }),
      operations: [0, 1].map(
        () => async (counter: { value: number }, step: () => Promise<void>) => {
          const read = counter.value;
          await step(); // another operation may run here
          counter.value = read + 1;
        },
      ),
      invariant: (counter) => {
        expect(counter.value).toBe(2);
      },
    });
    expect(report.failures.length).toBeGreaterThan(0);
  });

  it('rejects fewer than two operations and bad run counts', async () => {
    const base = { setup: () => ({}), invariant: () => undefined };
    await expect(
      raceOperations({ ...base, operations: [() => Promise.resolve()] }),
    ).rejects.toThrow(TestKitError);
    await expect(
      raceOperations({
        ...base,
        runs: 0,
        operations: [() => Promise.resolve(), () => Promise.resolve()],
      }),
    ).rejects.toThrow('runs must be a whole number >= 1, got 0');
  });
});
