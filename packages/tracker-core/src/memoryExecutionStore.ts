import type { Clock } from './clock.js';
import { isAliveState } from './executionState.js';
import type { ExecutionRecord } from './executionRecord.js';
import type { ExecutionStore, StoredExecution, StoredWriteBatch } from './executionStore.js';
import { InvalidArgumentError } from './errors.js';
import { systemClock } from './systemClock.js';

/** Options of a {@link MemoryExecutionStore}. */
export interface MemoryExecutionStoreOptions {
  /** Lease expiry is judged on this clock. @default the system clock */
  readonly clock?: Clock;
  /**
   * Terminal records kept for readers; the oldest are dropped first. In one process the tracker
   * is authoritative, so the embedded store keeps a modest window. @default 1000
   */
  readonly maxTerminalRecords?: number;
}

interface Entry {
  record: ExecutionRecord;
  ownerId: string;
  leaseExpiresAt: number;
}

/**
 * The embedded {@link ExecutionStore}: records in a Map, in this process. It gives a single
 * process the same contract a shared store gives many (versioned upserts, compare-and-set,
 * leases), so code and tests written against the port run unchanged on Redis.
 */
export class MemoryExecutionStore implements ExecutionStore {
  private readonly entries = new Map<string, Entry>();
  private readonly byUser = new Map<string, Set<string>>();
  // Terminal record ids, oldest first: a FIFO with a moving head, compacted as it drains. (A Set
  // drained from the front degrades to quadratic time in V8: the deleted slots stay in front.)
  private readonly terminalOrder: string[] = [];
  private terminalHead = 0;
  private readonly terminalIds = new Set<string>();
  private readonly clock: Clock;
  private readonly maxTerminalRecords: number;
  private closed = false;

  constructor(options: MemoryExecutionStoreOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.maxTerminalRecords = options.maxTerminalRecords ?? 1_000;
    if (!Number.isInteger(this.maxTerminalRecords) || this.maxTerminalRecords < 0) {
      throw new InvalidArgumentError(
        `maxTerminalRecords must be a whole number >= 0, got ${String(options.maxTerminalRecords)}`,
      );
    }
  }

  /** Number of records held. */
  get size(): number {
    return this.entries.size;
  }

  write(ownerId: string, writes: StoredWriteBatch, leaseTtlMs: number): Promise<void> {
    this.assertOpen();
    const leaseExpiresAt = this.clock.now() + leaseTtlMs;
    for (const write of writes) {
      if (write.kind === 'upsert') {
        const current = this.entries.get(write.record.id);
        if (current !== undefined && current.record.version > write.record.version) continue;
        this.put(write.record, ownerId, leaseExpiresAt);
        continue;
      }
      const current = this.entries.get(write.executionId);
      if (current === undefined || !isAliveState(current.record.state)) continue;
      if (write.lastHeartbeatAt > current.record.lastHeartbeatAt) {
        current.record = Object.freeze({
          ...current.record,
          lastHeartbeatAt: write.lastHeartbeatAt,
          heartbeatCount: write.heartbeatCount,
        });
      }
      current.ownerId = ownerId;
      current.leaseExpiresAt = leaseExpiresAt;
    }
    return Promise.resolve();
  }

  get(executionId: string): Promise<StoredExecution | undefined> {
    const entry = this.entries.get(executionId);
    return Promise.resolve(entry && toStored(entry));
  }

  listByUser(userId: string): Promise<StoredExecution[]> {
    const ids = this.byUser.get(userId) ?? new Set<string>();
    return Promise.resolve([...ids].map((id) => toStored(this.entries.get(id) as Entry)));
  }

  listAlive(): Promise<StoredExecution[]> {
    return Promise.resolve(
      [...this.entries.values()].filter((entry) => isAliveState(entry.record.state)).map(toStored),
    );
  }

  listExpiredLeases(): Promise<StoredExecution[]> {
    const now = this.clock.now();
    return Promise.resolve(
      [...this.entries.values()]
        .filter((entry) => isAliveState(entry.record.state) && entry.leaseExpiresAt <= now)
        .map(toStored),
    );
  }

  compareAndSet(
    executionId: string,
    expectedVersion: number,
    next: ExecutionRecord,
  ): Promise<boolean> {
    this.assertOpen();
    const current = this.entries.get(executionId);
    if (
      current === undefined ||
      current.record.version !== expectedVersion ||
      next.id !== executionId
    ) {
      return Promise.resolve(false);
    }
    this.put(next, current.ownerId, current.leaseExpiresAt);
    return Promise.resolve(true);
  }

  renewLeases(
    ownerId: string,
    executionIds: readonly string[],
    leaseTtlMs: number,
  ): Promise<string[]> {
    this.assertOpen();
    const leaseExpiresAt = this.clock.now() + leaseTtlMs;
    const lost: string[] = [];
    for (const id of executionIds) {
      const entry = this.entries.get(id);
      if (entry === undefined || entry.ownerId !== ownerId || !isAliveState(entry.record.state)) {
        lost.push(id);
        continue;
      }
      entry.leaseExpiresAt = leaseExpiresAt;
    }
    return Promise.resolve(lost);
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }

  private put(record: ExecutionRecord, ownerId: string, leaseExpiresAt: number): void {
    this.entries.set(record.id, { record, ownerId, leaseExpiresAt });
    let ids = this.byUser.get(record.userId);
    if (ids === undefined) this.byUser.set(record.userId, (ids = new Set()));
    ids.add(record.id);
    if (!isAliveState(record.state) && !this.terminalIds.has(record.id)) {
      this.terminalIds.add(record.id);
      this.terminalOrder.push(record.id);
      this.evictTerminal();
    }
  }

  private evictTerminal(): void {
    while (this.terminalIds.size > this.maxTerminalRecords) {
      const oldest = this.terminalOrder[this.terminalHead++] as string;
      this.terminalIds.delete(oldest);
      const entry = this.entries.get(oldest);
      this.entries.delete(oldest);
      if (entry !== undefined) {
        const ids = this.byUser.get(entry.record.userId);
        ids?.delete(oldest);
        if (ids?.size === 0) this.byUser.delete(entry.record.userId);
      }
    }
    if (this.terminalHead > 1024 && this.terminalHead * 2 > this.terminalOrder.length) {
      this.terminalOrder.splice(0, this.terminalHead);
      this.terminalHead = 0;
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new InvalidArgumentError('MemoryExecutionStore is closed');
  }
}

function toStored(entry: Entry): StoredExecution {
  return { record: entry.record, ownerId: entry.ownerId, leaseExpiresAt: entry.leaseExpiresAt };
}
