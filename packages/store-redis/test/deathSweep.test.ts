import { afterEach, describe, expect, it } from 'vitest';
import { closeStores, storeOnTestRedis } from './support.js';
import { createExecutionTracker, ManualClock, type ExecutionRecord } from '@aet/tracker-core';
import { startDeathSweeper } from '@aet/store-redis';

const store = storeOnTestRedis;
afterEach(closeStores);
let namespace = 0;

/** `count` alive executions written by an owner that then stops renewing (as if it crashed). */
async function orphanedExecutions(
  prefix: string,
  count: number,
  leaseMs: number,
  waitForExpiry = true,
): Promise<ExecutionRecord[]> {
  const tracker = createExecutionTracker({
    clock: new ManualClock(1_700_000_000_000),
    store: null,
  });
  const records = Array.from({ length: count }, (_, i) => {
    const id = tracker.createExecution({
      agentName: 'triage',
      userId: `user-sweep-${i % 5}`,
      threadId: 'thread-sweep-1',
    });
    tracker.updateExecutionState(id, 'running');
    return tracker.getExecution(id) as ExecutionRecord;
  });
  await store(prefix).write(
    'crashed-owner',
    records.map((record) => ({ kind: 'upsert' as const, record })),
    leaseMs,
  );
  if (waitForExpiry) await new Promise((resolve) => setTimeout(resolve, leaseMs + 50));
  return records;
}

describe('the death sweep', () => {
  it('marks each orphaned execution DEAD exactly once, even with three sweepers racing past the guard', async () => {
    const prefix = `aet-sweep:${process.pid}:${namespace++}`;
    const records = await orphanedExecutions(prefix, 60, 150);
    const sweepers = [store(prefix), store(prefix), store(prefix)];
    const results = await Promise.all(
      sweepers.map((s, i) =>
        s.sweepExpiredLeases({ sweeperId: `sweeper-${i}`, ignoreGuard: true }),
      ),
    );
    const marked = results.flat().map((r) => r.id);
    expect(marked.sort()).toEqual(records.map((r) => r.id).sort());
    expect(new Set(marked).size).toBe(marked.length);
    const reader = store(prefix);
    for (const record of records) {
      expect((await reader.get(record.id))?.record).toMatchObject({
        state: 'dead',
        version: record.version + 1,
      });
    }
    expect(await reader.listAlive()).toEqual([]);
  });

  it('lets one process sweep at a time through the guard', async () => {
    const prefix = `aet-sweep:${process.pid}:${namespace++}`;
    await orphanedExecutions(prefix, 10, 150);
    const results = await Promise.all(
      [0, 1, 2].map((i) => store(prefix).sweepExpiredLeases({ sweeperId: `sweeper-${i}` })),
    );
    expect(results.map((r) => r.length).sort()).toEqual([0, 0, 10]);
  });

  it('leaves executions whose owner renews their lease alone', async () => {
    const prefix = `aet-sweep:${process.pid}:${namespace++}`;
    const tracker = createExecutionTracker({
      clock: new ManualClock(1_700_000_000_000),
      store: null,
    });
    const id = tracker.createExecution({
      agentName: 'triage',
      userId: 'user-sweep-keep',
      threadId: 'thread-sweep-1',
    });
    const owner = store(prefix);
    await owner.write(
      'owner-a',
      [{ kind: 'upsert', record: tracker.getExecution(id) as ExecutionRecord }],
      400,
    );
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await owner.renewLeases('owner-a', [id], 400)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(
      await store(prefix).sweepExpiredLeases({ sweeperId: 'sweeper', ignoreGuard: true }),
    ).toEqual([]);
    expect((await owner.get(id))?.record.state).toBe('pending');
  });

  it('startDeathSweeper: several processes sweeping on a timer report each death once, through their trackers', async () => {
    const prefix = `sweeper-${process.pid}-${++namespace}`;
    const orphans = await orphanedExecutions(prefix, 40, 300);
    const processes = [0, 1, 2].map(() => {
      const tracker = createExecutionTracker({ store: null });
      const deaths: string[] = [];
      tracker.onDeath((record) => {
        deaths.push(record.id);
      });
      const sweeper = startDeathSweeper(tracker, store(prefix), { intervalMs: 50 });
      return { tracker, deaths, sweeper };
    });
    const deadline = Date.now() + 5_000;
    while (processes.reduce((sum, p) => sum + p.sweeper.reported, 0) < orphans.length) {
      if (Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await new Promise((resolve) => setTimeout(resolve, 200)); // a few more sweeps: nothing twice
    await Promise.all(processes.map((p) => p.sweeper.stop()));
    const reported = processes.flatMap((p) => p.deaths);
    expect(reported.sort()).toEqual(orphans.map((r) => r.id).sort());
    expect(processes.reduce((sum, p) => sum + p.sweeper.reported, 0)).toBe(orphans.length);
    await Promise.all(processes.map((p) => p.tracker.dispose()));
  });

  it('two processes racing the same transition: exactly one wins, every time', async () => {
    const prefix = `race-${process.pid}-${++namespace}`;
    const [record] = await orphanedExecutions(prefix, 1, 60_000, false);
    const a = store(prefix);
    const b = store(prefix); // a second connection, as another process has
    let current = record as ExecutionRecord;
    for (let round = 0; round < 50; round++) {
      const next = (state: 'running' | 'completing'): ExecutionRecord => ({
        ...current,
        state,
        version: current.version + 1,
      });
      const [won, lost] = [next('running'), next('completing')];
      const results = await Promise.all([
        a.compareAndSet(current.id, current.version, won),
        b.compareAndSet(current.id, current.version, lost),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      const stored = await a.get(current.id);
      expect(stored?.record).toEqual(results[0] ? won : lost);
      current = stored?.record ?? current;
    }
  });
});
