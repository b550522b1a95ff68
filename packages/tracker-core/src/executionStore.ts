import type { ExecutionRecord } from './executionRecord.js';

/** An execution as a store holds it: the record, the process that owns it, and its lease. */
export interface StoredExecution {
  readonly record: ExecutionRecord;
  /** The tracker instance (process) that runs the execution and renews its lease. */
  readonly ownerId: string;
  /** Epoch ms after which the owner is presumed gone. */
  readonly leaseExpiresAt: number;
}

/** One replicated change. */
export type StoreWrite =
  /** The whole record; a store ignores it when it already holds a higher `version`. */
  | { readonly kind: 'upsert'; readonly record: ExecutionRecord }
  /** Heartbeat only: coalesced, latest wins; renews the lease. */
  | {
      readonly kind: 'heartbeat';
      readonly executionId: string;
      readonly userId: string;
      readonly lastHeartbeatAt: number;
      readonly heartbeatCount: number;
    };

/**
 * Where the tracker replicates its records so that other processes can read them, and where each
 * alive execution holds a lease its owner renews. The tracker in the owning process stays
 * authoritative; writes arrive batched, in order per execution.
 */
export interface ExecutionStore {
  /** Applies a batch from `ownerId`, renewing the lease of each alive execution written. */
  write(ownerId: string, writes: StoredWriteBatch, leaseTtlMs: number): Promise<void>;
  get(executionId: string): Promise<StoredExecution | undefined>;
  listByUser(userId: string): Promise<StoredExecution[]>;
  /** Every execution whose record is in an alive state. */
  listAlive(): Promise<StoredExecution[]>;
  /** Alive executions whose lease has expired: their owner is gone. */
  listExpiredLeases(): Promise<StoredExecution[]>;
  /**
   * Replaces the record only if the stored one has `expectedVersion`; true when it did. Two
   * processes racing the same transition: exactly one wins.
   */
  compareAndSet(
    executionId: string,
    expectedVersion: number,
    next: ExecutionRecord,
  ): Promise<boolean>;
  /** Extends the leases `ownerId` holds; returns the ids it could not renew (unknown, terminal, or owned elsewhere). */
  renewLeases(
    ownerId: string,
    executionIds: readonly string[],
    leaseTtlMs: number,
  ): Promise<string[]>;
  close(): Promise<void>;
}

/** A batch of writes. */
export type StoredWriteBatch = readonly StoreWrite[];

const STORE_METHODS = [
  'write',
  'get',
  'listByUser',
  'listAlive',
  'listExpiredLeases',
  'compareAndSet',
  'renewLeases',
  'close',
] as const;

/** True when `value` implements every {@link ExecutionStore} method. */
export function isExecutionStore(value: unknown): value is ExecutionStore {
  return (
    typeof value === 'object' &&
    value !== null &&
    STORE_METHODS.every(
      (method) => typeof (value as Record<string, unknown>)[method] === 'function',
    )
  );
}
