import {
  createExecutionTracker,
  ManualClock,
  type ExecutionRecord,
  type ExecutionStore,
} from '@aet/tracker-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

/** Options of {@link describeExecutionStoreConformance}. */
export interface StoreConformanceOptions {
  /** Capability toggles: a store that lacks one skips its cases, under a title that says so. */
  readonly capabilities?: {
    /** Leases, renewal and expiry. @default true */
    readonly leases?: boolean;
    /** compareAndSet. @default true */
    readonly compareAndSet?: boolean;
  };
  /** Moves the store's notion of time forward (a ManualClock, or a real wait for Redis). */
  readonly advanceTime?: (ms: number) => Promise<void>;
}

const OWNER = 'owner-a';
const TTL = 1_000;

/**
 * The contract every `ExecutionStore` keeps, as a vitest suite: call it in a test file with a
 * factory returning a fresh, empty store for each case (it is closed after the case).
 * @example
 * describeExecutionStoreConformance('MemoryExecutionStore', () => new MemoryExecutionStore());
 */
export function describeExecutionStoreConformance(
  name: string,
  factory: () => ExecutionStore | Promise<ExecutionStore>,
  options: StoreConformanceOptions = {},
): void {
  const leases = options.capabilities?.leases ?? true;
  const cas = options.capabilities?.compareAndSet ?? true;
  const canAdvance = options.advanceTime !== undefined;
  // A case a store cannot run is skipped, and its title says why.
  const titled = (title: string, enabled: boolean, missing: string): string =>
    enabled ? title : `${title} (skipped: the store has no ${missing})`;

  describe(`ExecutionStore conformance: ${name}`, () => {
    let store: ExecutionStore;
    beforeEach(async () => {
      store = await factory();
    });
    afterEach(async () => {
      await store.close();
    });

    it('returns a written record as written', async () => {
      const record = makeRecords(1)[0] as ExecutionRecord;
      await store.write(OWNER, [{ kind: 'upsert', record }], TTL);
      const stored = await store.get(record.id);
      expect(stored?.record).toEqual(record);
      expect(stored?.ownerId).toBe(OWNER);
    });

    it('answers undefined for an id it does not hold', async () => {
      expect(await store.get('exec_0000000000007000800000000000000')).toBeUndefined();
    });

    it('applies every write of a large batch', async () => {
      const records = makeRecords(500);
      await store.write(
        OWNER,
        records.map((record) => ({ kind: 'upsert' as const, record })),
        TTL,
      );
      const stored = await Promise.all(records.map((record) => store.get(record.id)));
      expect(stored.filter((s) => s === undefined)).toHaveLength(0);
      expect(stored.map((s) => s?.record.id)).toEqual(records.map((r) => r.id));
    });

    it('keeps the highest version when an older upsert arrives late', async () => {
      const { first, later } = twoVersions();
      await store.write(OWNER, [{ kind: 'upsert', record: later }], TTL);
      await store.write(OWNER, [{ kind: 'upsert', record: first }], TTL);
      expect((await store.get(later.id))?.record).toEqual(later);
    });

    it("lists a user's records and only theirs", async () => {
      const records = makeRecords(6);
      await store.write(
        OWNER,
        records.map((record) => ({ kind: 'upsert' as const, record })),
        TTL,
      );
      const userId = (records[0] as ExecutionRecord).userId;
      const listed = (await store.listByUser(userId)).map((s) => s.record.id).sort();
      expect(listed).toEqual(
        records
          .filter((r) => r.userId === userId)
          .map((r) => r.id)
          .sort(),
      );
    });

    it('lists alive records and not terminal ones', async () => {
      const { first, later } = twoVersions();
      const alive = makeRecords(2);
      await store.write(
        OWNER,
        [...alive, later].map((record) => ({ kind: 'upsert' as const, record })),
        TTL,
      );
      const listed = (await store.listAlive()).map((s) => s.record.id).sort();
      expect(listed).toEqual(alive.map((r) => r.id).sort());
      expect(listed).not.toContain(first.id);
    });

    it('applies a heartbeat to an alive record and ignores one for an unknown id', async () => {
      const record = makeRecords(1)[0] as ExecutionRecord;
      await store.write(OWNER, [{ kind: 'upsert', record }], TTL);
      await store.write(
        OWNER,
        [
          {
            kind: 'heartbeat',
            executionId: record.id,
            userId: record.userId,
            lastHeartbeatAt: record.lastHeartbeatAt + 500,
            heartbeatCount: 7,
          },
          {
            kind: 'heartbeat',
            executionId: 'exec_unknown',
            userId: record.userId,
            lastHeartbeatAt: 1,
            heartbeatCount: 1,
          },
        ],
        TTL,
      );
      expect((await store.get(record.id))?.record).toMatchObject({
        lastHeartbeatAt: record.lastHeartbeatAt + 500,
        heartbeatCount: 7,
      });
      expect(await store.get('exec_unknown')).toBeUndefined();
    });

    it.skipIf(!cas)(
      'compare-and-set applies only from the expected version (skipped: no compareAndSet)',
      async () => {
        const { first, later } = twoVersions();
        await store.write(OWNER, [{ kind: 'upsert', record: first }], TTL);
        expect(await store.compareAndSet(first.id, first.version + 1, later)).toBe(false);
        expect(await store.compareAndSet(first.id, first.version, later)).toBe(true);
        expect((await store.get(first.id))?.record).toEqual(later);
      },
    );

    it.skipIf(!cas)(
      'lets exactly one of two racing compare-and-sets win (skipped: no compareAndSet)',
      async () => {
        const { first, later } = twoVersions();
        await store.write(OWNER, [{ kind: 'upsert', record: first }], TTL);
        const rival = { ...later, error: 'rival' };
        const results = await Promise.all([
          store.compareAndSet(first.id, first.version, later),
          store.compareAndSet(first.id, first.version, rival),
        ]);
        expect(results.filter(Boolean)).toHaveLength(1);
      },
    );

    it.skipIf(!leases)(titled('renews leases for their owner only', leases, 'leases'), async () => {
      const records = makeRecords(2);
      await store.write(
        OWNER,
        records.map((record) => ({ kind: 'upsert' as const, record })),
        TTL,
      );
      const ids = records.map((r) => r.id);
      expect(await store.renewLeases(OWNER, ids, TTL)).toEqual([]);
      expect((await store.renewLeases('owner-b', ids, TTL)).sort()).toEqual([...ids].sort());
      expect(await store.renewLeases(OWNER, ['exec_unknown'], TTL)).toEqual(['exec_unknown']);
    });

    it.skipIf(!leases || !canAdvance)(
      titled(
        'reports alive records whose lease expired',
        leases && canAdvance,
        'leases or advanceTime option',
      ),
      async () => {
        const [kept, expired] = makeRecords(2) as [ExecutionRecord, ExecutionRecord];
        await store.write(
          OWNER,
          [
            { kind: 'upsert', record: kept },
            { kind: 'upsert', record: expired },
          ],
          TTL,
        );
        await options.advanceTime?.(TTL / 2);
        await store.renewLeases(OWNER, [kept.id], TTL);
        await options.advanceTime?.(TTL / 2 + 1);
        expect((await store.listExpiredLeases()).map((s) => s.record.id)).toEqual([expired.id]);
      },
    );
  });
}

/** Real records, made by a tracker: alternating between two users. */
function makeRecords(count: number): ExecutionRecord[] {
  const tracker = createExecutionTracker({
    clock: new ManualClock(1_700_000_000_000),
    store: null,
  });
  return Array.from({ length: count }, (_, i) => {
    const id = tracker.createExecution({
      agentName: 'conformance',
      userId: i % 2 === 0 ? 'user-conformance-a' : 'user-conformance-b',
      threadId: 'thread-conformance',
    });
    return tracker.getExecution(id) as ExecutionRecord;
  });
}

/** One execution as first created, and later, completed (a higher version). */
function twoVersions(): { first: ExecutionRecord; later: ExecutionRecord } {
  const tracker = createExecutionTracker({
    clock: new ManualClock(1_700_000_000_000),
    store: null,
  });
  const id = tracker.createExecution({
    agentName: 'conformance',
    userId: 'user-conformance-a',
    threadId: 'thread-conformance',
  });
  const first = tracker.getExecution(id) as ExecutionRecord;
  tracker.completeExecution(id, { result: 'done' });
  return { first, later: tracker.getExecution(id) as ExecutionRecord };
}
