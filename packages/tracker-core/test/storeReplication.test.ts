import { describe, expect, it } from 'vitest';
import {
  AgentExecutionPhase as P,
  MemoryExecutionStore,
  type ExecutionStore,
  type StoredWriteBatch,
} from '@aet/tracker-core';
import { setup, THREAD, USER } from './support.js';

/** A memory store that records every batch it is given. */
class RecordingStore extends MemoryExecutionStore {
  readonly batches: StoredWriteBatch[] = [];
  override write(ownerId: string, writes: StoredWriteBatch, leaseTtlMs: number): Promise<void> {
    this.batches.push(writes);
    return super.write(ownerId, writes, leaseTtlMs);
  }
}

describe('replication to the store', () => {
  it('writes each changed record once per batch, as its latest snapshot', async () => {
    const store = new RecordingStore();
    const { tracker } = setup({ store });
    const id = tracker.createExecution({ agentName: 'triage', userId: USER, threadId: THREAD });
    tracker.startExecution(id);
    tracker.transitionState(id, P.WEBSOCKET_SETUP);
    await tracker.flush();
    expect(store.batches).toHaveLength(1);
    expect(store.batches[0]).toHaveLength(1);
    const stored = await store.get(id);
    expect(stored?.record).toMatchObject({ state: 'starting', phase: P.WEBSOCKET_SETUP });
    expect(stored?.ownerId).toBe(tracker.instanceId);
  });

  it('coalesces heartbeats to the latest and flushes terminal states', async () => {
    const store = new RecordingStore();
    const { tracker, clock } = setup({ store });
    const id = tracker.createExecution({ agentName: 'triage', userId: USER, threadId: THREAD });
    tracker.updateExecutionState(id, 'running');
    await tracker.flush();
    for (let i = 0; i < 5; i++) {
      clock.advance(100);
      tracker.heartbeat(id);
    }
    await tracker.flush();
    expect(store.batches[1]).toEqual([
      expect.objectContaining({
        kind: 'heartbeat',
        executionId: id,
        heartbeatCount: 5,
        lastHeartbeatAt: clock.now(),
      }),
    ]);
    tracker.completeExecution(id, { result: 'ok' });
    await tracker.flush();
    expect((await store.get(id))?.record).toMatchObject({
      state: 'completed',
      result: 'ok',
      heartbeatCount: 5,
    });
    expect(await store.listAlive()).toEqual([]);
  });

  it('renews every alive lease with one call per interval', async () => {
    const store = new MemoryExecutionStore();
    const renewals: number[] = [];
    const renewLeases = store.renewLeases.bind(store);
    store.renewLeases = (owner, ids, ttl) => {
      renewals.push(ids.length);
      return renewLeases(owner, ids, ttl);
    };
    const { tracker, clock } = setup({ store, heartbeatTimeout: 10 });
    const ids = Array.from({ length: 3 }, () =>
      tracker.createExecution({ agentName: 'a', userId: USER, threadId: THREAD }),
    );
    for (const id of ids) tracker.updateExecutionState(id, 'running');
    await tracker.flush();
    clock.advance(5_000);
    await tracker.flush();
    expect(renewals).toEqual([3]);
  });

  it('counts a failing store without disturbing the tracker', async () => {
    const broken: ExecutionStore = Object.assign(new MemoryExecutionStore(), {
      write: () => Promise.reject(new Error('connection refused')),
    });
    const { tracker } = setup({ store: broken });
    const id = tracker.createExecution({ agentName: 'a', userId: USER, threadId: THREAD });
    tracker.completeExecution(id);
    await tracker.flush();
    expect(tracker.getExecutionState(id)).toBe('completed');
    expect(tracker.getMetrics().storeErrors).toBe(1);
  });

  it('replicates nowhere unless a store is configured, and null means the same', async () => {
    for (const config of [{}, { store: null }]) {
      const { tracker, clock } = setup(config);
      tracker.createExecution({ agentName: 'a', userId: USER, threadId: THREAD });
      await expect(tracker.flush()).resolves.toBeUndefined();
      // The execution's deadline is the only timer: no lease is held, so none is renewed.
      expect(clock.pendingTimers).toBe(1);
    }
    const store = new MemoryExecutionStore();
    const { tracker, clock } = setup({ store });
    const id = tracker.createExecution({ agentName: 'a', userId: USER, threadId: THREAD });
    await tracker.flush();
    expect(clock.pendingTimers).toBe(2);
    expect((await store.get(id))?.record.id).toBe(id);
  });
});

describe(MemoryExecutionStore, () => {
  it('lets exactly one of two racing compare-and-set transitions win', async () => {
    const store = new MemoryExecutionStore();
    const { tracker } = setup({ store });
    const id = tracker.createExecution({ agentName: 'a', userId: USER, threadId: THREAD });
    await tracker.flush();
    const current = (await store.get(id))!.record;
    const results = await Promise.all([
      store.compareAndSet(id, current.version, {
        ...current,
        state: 'dead',
        version: current.version + 1,
      }),
      store.compareAndSet(id, current.version, {
        ...current,
        state: 'completed',
        version: current.version + 1,
      }),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('ignores an upsert older than what it holds', async () => {
    const store = new MemoryExecutionStore();
    const { tracker } = setup({ store });
    const id = tracker.createExecution({ agentName: 'a', userId: USER, threadId: THREAD });
    const old = tracker.getExecution(id)!;
    tracker.completeExecution(id);
    await tracker.flush();
    await store.write('other-owner', [{ kind: 'upsert', record: old }], 10_000);
    expect((await store.get(id))?.record.state).toBe('completed');
  });

  it('reports leases that expired and refuses renewals by another owner', async () => {
    const { tracker, clock } = setup({ store: null });
    const store = new MemoryExecutionStore({ clock });
    const id = tracker.createExecution({ agentName: 'a', userId: USER, threadId: THREAD });
    await store.write('owner-a', [{ kind: 'upsert', record: tracker.getExecution(id)! }], 1_000);
    expect(await store.renewLeases('owner-b', [id], 1_000)).toEqual([id]);
    clock.advance(1_000);
    expect((await store.listExpiredLeases()).map((s) => s.record.id)).toEqual([id]);
    expect((await store.listByUser(USER)).map((s) => s.record.id)).toEqual([id]);
  });

  it('keeps at most maxTerminalRecords terminal records', async () => {
    const { tracker, clock } = setup({ store: null });
    const store = new MemoryExecutionStore({ clock, maxTerminalRecords: 2 });
    for (let i = 0; i < 4; i++) {
      const id = tracker.createExecution({ agentName: 'a', userId: USER, threadId: THREAD });
      tracker.completeExecution(id);
      await store.write('owner', [{ kind: 'upsert', record: tracker.getExecution(id)! }], 1_000);
    }
    expect(store.size).toBe(2);
    expect(() => new MemoryExecutionStore({ maxTerminalRecords: -1 })).toThrow(
      /maxTerminalRecords/,
    );
  });
});
