import type { Clock, ClockTimer } from './clock.js';
import { snapshotOf, type MutableExecution } from './executionRecord.js';
import type { ExecutionStore, StoreWrite } from './executionStore.js';

/**
 * Replicates the tracker's records into an {@link ExecutionStore} off the hot path. A change only
 * marks the record dirty; one flush per turn of the event loop writes each dirty record once
 * (its latest snapshot), heartbeats coalesce to the latest, and flushes run one after another so
 * a store sees each execution's writes in order. One timer renews every lease the tracker holds.
 * A store failure is counted and reported, never thrown into the tracker.
 * @internal
 */
export class StoreReplicator {
  // Records with a pending write, in first-change order; `record.replicationPending` marks them,
  // so a record changed many times in one turn is queued once.
  private dirty: MutableExecution[] = [];
  private heartbeats: MutableExecution[] = [];
  private flushScheduled = false;
  private chain: Promise<void> = Promise.resolve();
  private renewTimer: ClockTimer | undefined;
  private disposed = false;
  storeErrors = 0;

  /**
   * @param aliveRecords the tracker's alive executions, whose leases the renewal timer extends.
   */
  constructor(
    private readonly store: ExecutionStore,
    private readonly ownerId: string,
    private readonly clock: Clock,
    private readonly leaseTtlMs: number,
    private readonly aliveRecords: () => Iterable<MutableExecution>,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** The record changed (state, phase, fields): replicate its latest snapshot. */
  changed(record: MutableExecution): void {
    if (this.disposed || record.replicationPending === 'full') return;
    record.replicationPending = 'full';
    this.dirty.push(record);
    if (this.renewTimer === undefined) this.armRenewal();
    this.scheduleFlush();
  }

  /** Only the heartbeat changed. */
  heartbeat(record: MutableExecution): void {
    if (this.disposed || record.replicationPending !== undefined) return;
    record.replicationPending = 'heartbeat';
    this.heartbeats.push(record);
    this.scheduleFlush();
  }

  /** Resolves once everything changed so far is written (or has failed and been counted). */
  flush(): Promise<void> {
    if (this.flushScheduled) this.runFlush();
    return this.chain;
  }

  dispose(): void {
    this.disposed = true;
    this.renewTimer?.cancel();
    this.renewTimer = undefined;
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    queueMicrotask(() => {
      if (this.flushScheduled) this.runFlush();
    });
  }

  private runFlush(): void {
    this.flushScheduled = false;
    const writes: StoreWrite[] = [];
    for (const record of this.dirty) {
      record.replicationPending = undefined;
      writes.push({ kind: 'upsert', record: snapshotOf(record) });
    }
    for (const record of this.heartbeats) {
      // Promoted to a full write after the heartbeat was queued: already written above.
      if (record.replicationPending !== 'heartbeat') continue;
      record.replicationPending = undefined;
      writes.push({
        kind: 'heartbeat',
        executionId: record.id,
        userId: record.userId,
        lastHeartbeatAt: record.lastHeartbeatAt,
        heartbeatCount: record.heartbeatCount,
      });
    }
    this.dirty = [];
    this.heartbeats = [];
    if (writes.length === 0) return;
    this.chain = this.chain
      .then(() => this.store.write(this.ownerId, writes, this.leaseTtlMs))
      .then(undefined, (error: unknown) => {
        this.fail(error);
      });
  }

  // One timer renews every lease this tracker holds, in one call, every half lease; it stops
  // when no execution is alive and starts again with the next change.
  private armRenewal(): void {
    if (this.disposed) return;
    this.renewTimer = this.clock.setTimer(this.leaseTtlMs / 2, () => {
      this.renewTimer = undefined;
      if (this.disposed) return;
      const ids: string[] = [];
      for (const record of this.aliveRecords()) ids.push(record.id);
      if (ids.length === 0) return;
      this.chain = this.chain
        .then(() => this.store.renewLeases(this.ownerId, ids, this.leaseTtlMs))
        .then(
          () => undefined,
          (error: unknown) => {
            this.fail(error);
          },
        );
      this.armRenewal();
    });
  }

  private fail(error: unknown): void {
    this.storeErrors++;
    try {
      this.onError(error);
    } catch {
      // The reporter failed too; the count above keeps the failure visible.
    }
  }
}
