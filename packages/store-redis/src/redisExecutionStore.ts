import {
  isAliveState,
  type ExecutionRecord,
  type ExecutionStore,
  type StoredExecution,
  type StoredWriteBatch,
} from '@aet/tracker-core';
import { Redis, type RedisOptions } from 'ioredis';
import { RedisStoreError } from './redisStoreError.js';
import {
  COMPARE_AND_SET,
  EXPIRED_LEASES,
  HEARTBEAT,
  NOW_MS,
  RENEW_LEASES,
  UPSERT_BATCH,
} from './luaScripts.js';

/** Options of a {@link RedisExecutionStore}. */
export interface RedisExecutionStoreOptions {
  /** An ioredis client to use (the store does not close a client it was given). */
  readonly client?: Redis;
  /** Or how to connect: ioredis options (e.g. `{ path: '/run/redis.sock' }` or host and port). */
  readonly connection?: RedisOptions;
  /** Namespace of every key. @default 'aet' */
  readonly prefix?: string;
  /** How long terminal records are kept. @default 86400 (24 h) */
  readonly terminalTtlSeconds?: number;
}

type ScriptedRedis = Redis & {
  aetHeartbeat(...args: (string | number)[]): Promise<number>;
  aetCompareAndSet(...args: (string | number)[]): Promise<number>;
  aetRenewLeases(...args: (string | number)[]): Promise<string[]>;
  aetExpiredLeases(...args: (string | number)[]): Promise<string[]>;
  aetNow(): Promise<number>;
  aetUpsertBatch(numberOfKeys: number, ...args: (string | number)[]): Promise<number>;
};

/** Upserts sent per script call: large enough to amortise a call, small enough not to stall Redis. */
const UPSERTS_PER_CALL = 200;

/** The record layout this store writes; a newer one is refused rather than misread. */
export const SCHEMA_VERSION = 1;

/** Options of {@link RedisExecutionStore.sweepExpiredLeases}. */
export interface SweepOptions {
  /** Who sweeps (a tracker's `instanceId`). */
  readonly sweeperId: string;
  /** How long the guard keeps other sweepers out. @default 10000 */
  readonly guardMs?: number;
  /** Sweep even while another process holds the guard (compare-and-set still marks each record once). @default false */
  readonly ignoreGuard?: boolean;
}

/**
 * The `ExecutionStore` in Redis. Each execution is a hash (`<prefix>:exec:<id>`: version, state,
 * record JSON, owner, lease, heartbeat), with a set per user, a set of alive executions and a
 * sorted set of lease expiries. Every change is one Lua script: an upsert never replaces a higher
 * version, compare-and-set applies only from the expected version, and leases are timed on
 * Redis's clock. Writes of a batch are pipelined (ioredis auto-pipelining). Terminal records
 * expire after `terminalTtlSeconds`.
 */
export class RedisExecutionStore implements ExecutionStore {
  private readonly redis: ScriptedRedis;
  private readonly ownsClient: boolean;
  private ownsClientOverride: boolean | undefined;
  /** The last connection error ioredis reported, for diagnostics. */
  lastConnectionError: unknown;
  private readonly prefix: string;
  private readonly terminalTtlSeconds: number;

  constructor(options: RedisExecutionStoreOptions = {}) {
    this.ownsClient = options.client === undefined;
    const redis =
      options.client ??
      new Redis({ enableAutoPipelining: true, lazyConnect: false, ...options.connection });
    redis.defineCommand('aetHeartbeat', { numberOfKeys: 3, lua: HEARTBEAT });
    redis.defineCommand('aetCompareAndSet', { numberOfKeys: 3, lua: COMPARE_AND_SET });
    redis.defineCommand('aetRenewLeases', { numberOfKeys: 2, lua: RENEW_LEASES });
    redis.defineCommand('aetExpiredLeases', { numberOfKeys: 1, lua: EXPIRED_LEASES });
    redis.defineCommand('aetNow', { numberOfKeys: 0, lua: NOW_MS });
    // The batch script takes a varying number of keys: the count is the first argument.
    redis.defineCommand('aetUpsertBatch', { lua: UPSERT_BATCH });
    // Connection errors surface as rejected commands (counted by the tracker as store errors);
    // the listener keeps ioredis from printing every reconnect attempt as unhandled.
    redis.on('error', (error: unknown) => {
      this.lastConnectionError = error;
    });
    this.redis = redis as ScriptedRedis;
    this.prefix = options.prefix ?? 'aet';
    this.terminalTtlSeconds = options.terminalTtlSeconds ?? 86_400;
  }

  /**
   * Creates a store and checks it can work: the server answers (within `timeoutMs`), the
   * credentials are accepted, and it will not evict keys (otherwise a `DeprecationWarning`-style
   * warning `AET_REDIS_EVICTION` is emitted: evicted records are lost executions).
   * Throws {@link RedisStoreError} `REDIS_UNREACHABLE` or `REDIS_AUTH_FAILED`.
   */
  static async connect(
    options: RedisExecutionStoreOptions & { readonly timeoutMs?: number },
  ): Promise<RedisExecutionStore> {
    const timeoutMs = options.timeoutMs ?? 5_000;
    const client =
      options.client ??
      new Redis({
        enableAutoPipelining: true,
        lazyConnect: true,
        connectTimeout: timeoutMs,
        maxRetriesPerRequest: 1,
        retryStrategy: () => null,
        ...options.connection,
      });
    // ioredis reports the server's refusal (WRONGPASS…) as an error event, and the connect call
    // then fails with a generic "connection closed": classify the event's error when there is one.
    let reported: unknown;
    const onError = (error: unknown): void => {
      reported = error;
    };
    client.on('error', onError);
    try {
      if (options.client === undefined) await client.connect();
      await client.ping();
    } catch (error) {
      client.disconnect();
      throw classifyConnectionError(reported ?? error, options.connection);
    } finally {
      client.off('error', onError);
    }
    const policy: unknown = await client.config('GET', 'maxmemory-policy').catch(() => []);
    const value: unknown = Array.isArray(policy) ? (policy as unknown[])[1] : undefined;
    if (typeof value === 'string' && value !== 'noeviction') {
      process.emitWarning(
        `Redis maxmemory-policy is "${value}": under memory pressure Redis will evict execution records; set it to noeviction`,
        { code: 'AET_REDIS_EVICTION' },
      );
    }
    const store = new RedisExecutionStore({ ...options, client });
    store.ownsClientOverride = options.client === undefined;
    return store;
  }

  async write(ownerId: string, writes: StoredWriteBatch, leaseTtlMs: number): Promise<void> {
    await this.guarded(() => this.writeBatch(ownerId, writes, leaseTtlMs));
  }

  private async writeBatch(
    ownerId: string,
    writes: StoredWriteBatch,
    leaseTtlMs: number,
  ): Promise<void> {
    // Upserts go in chunks, one script call each; heartbeats one call each. All are issued at once
    // on one connection, which applies them in the order issued.
    const calls: Promise<number>[] = [];
    let keys: string[] = [];
    let args: (string | number)[] = [];
    const flushChunk = (): void => {
      if (keys.length === 0) return;
      calls.push(
        this.redis.aetUpsertBatch(
          keys.length + 2,
          this.aliveKey(),
          this.leasesKey(),
          ...keys,
          ownerId,
          leaseTtlMs,
          this.terminalTtlSeconds,
          ...args,
        ),
      );
      keys = [];
      args = [];
    };
    for (const write of writes) {
      if (write.kind === 'upsert') {
        const { record } = write;
        keys.push(this.recordKey(record.id), this.userKey(record.userId));
        args.push(
          record.id,
          record.version,
          record.state,
          JSON.stringify(record),
          isAliveState(record.state) ? '1' : '0',
        );
        if (keys.length >= UPSERTS_PER_CALL * 2) flushChunk();
        continue;
      }
      calls.push(
        this.redis.aetHeartbeat(
          this.recordKey(write.executionId),
          this.aliveKey(),
          this.leasesKey(),
          write.executionId,
          write.lastHeartbeatAt,
          write.heartbeatCount,
          ownerId,
          leaseTtlMs,
        ),
      );
    }
    flushChunk();
    await Promise.all(calls);
  }

  async get(executionId: string): Promise<StoredExecution | undefined> {
    return this.read(executionId);
  }

  async listByUser(userId: string): Promise<StoredExecution[]> {
    return this.readAll(await this.redis.smembers(this.userKey(userId)));
  }

  async listAlive(): Promise<StoredExecution[]> {
    return this.readAll(await this.redis.smembers(this.aliveKey()));
  }

  async listExpiredLeases(): Promise<StoredExecution[]> {
    const ids = await this.redis.aetExpiredLeases(this.leasesKey());
    return (await this.readAll(ids)).filter((stored) => isAliveState(stored.record.state));
  }

  async compareAndSet(
    executionId: string,
    expectedVersion: number,
    next: ExecutionRecord,
  ): Promise<boolean> {
    if (next.id !== executionId) return false;
    const applied = await this.redis.aetCompareAndSet(
      this.recordKey(executionId),
      this.aliveKey(),
      this.leasesKey(),
      executionId,
      String(expectedVersion),
      next.version,
      next.state,
      JSON.stringify(next),
      isAliveState(next.state) ? '1' : '0',
      this.terminalTtlSeconds,
    );
    return applied === 1;
  }

  async renewLeases(
    ownerId: string,
    executionIds: readonly string[],
    leaseTtlMs: number,
  ): Promise<string[]> {
    if (executionIds.length === 0) return [];
    return this.redis.aetRenewLeases(
      this.aliveKey(),
      this.leasesKey(),
      this.prefix,
      ownerId,
      leaseTtlMs,
      ...executionIds,
    );
  }

  /**
   * The death sweep: marks DEAD every alive execution whose lease expired (its owner stopped
   * renewing: crashed, or cut off). A guard key lets one process sweep at a time, and each record
   * is marked by compare-and-set from the version read, so however many processes sweep, each
   * dead execution is marked exactly once: by the sweeper this returns it to, which should then
   * report the death (the one `agent_death`).
   */
  async sweepExpiredLeases(options: SweepOptions): Promise<ExecutionRecord[]> {
    const guard = `${this.prefix}:sweep-guard`;
    if (options.ignoreGuard !== true) {
      const acquired = await this.redis.set(
        guard,
        options.sweeperId,
        'PX',
        options.guardMs ?? 10_000,
        'NX',
      );
      if (acquired !== 'OK') return [];
    }
    const expired = await this.listExpiredLeases();
    const now = await this.redis.aetNow();
    const marked: ExecutionRecord[] = [];
    for (const { record, ownerId } of expired) {
      const dead: ExecutionRecord = {
        ...record,
        state: 'dead',
        completedAt: now,
        updatedAt: now,
        error: `lease expired: owner ${ownerId} stopped renewing it`,
        version: record.version + 1,
      };
      if (await this.compareAndSet(record.id, record.version, dead)) marked.push(dead);
    }
    return marked;
  }

  async close(): Promise<void> {
    if (this.ownsClientOverride ?? this.ownsClient) await this.redis.quit();
  }

  private async readAll(ids: readonly string[]): Promise<StoredExecution[]> {
    const read = await Promise.all(ids.map((id) => this.read(id)));
    return read.filter((stored): stored is StoredExecution => stored !== undefined);
  }

  private async read(executionId: string): Promise<StoredExecution | undefined> {
    const key = this.recordKey(executionId);
    const fields = await this.guarded(() => this.redis.hgetall(key));
    if (Object.keys(fields).length === 0) return undefined;
    if (fields.schema === undefined || fields.record === undefined) {
      throw new RedisStoreError(
        'REDIS_FOREIGN_DATA',
        `${key} holds data this store did not write: choose another prefix`,
      );
    }
    if (Number(fields.schema) > SCHEMA_VERSION) {
      throw new RedisStoreError(
        'REDIS_SCHEMA_TOO_NEW',
        `${key} was written by a newer store (schema ${fields.schema}, this one reads ${SCHEMA_VERSION}): upgrade @aet/store-redis`,
      );
    }
    let record = JSON.parse(fields.record) as ExecutionRecord;
    const heartbeatAt = fields.hbAt === undefined ? undefined : Number(fields.hbAt);
    if (heartbeatAt !== undefined && heartbeatAt > record.lastHeartbeatAt) {
      record = { ...record, lastHeartbeatAt: heartbeatAt, heartbeatCount: Number(fields.hbCount) };
    }
    return {
      record: Object.freeze(record),
      ownerId: fields.owner ?? '',
      leaseExpiresAt: Number(fields.lease ?? 0),
    };
  }

  /** Turns Redis errors that mean "not ours" into a typed error, without overwriting anything. */
  private async guarded<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      const message = (error as Error).message;
      if (message.includes('WRONGTYPE') || message.includes('AETFOREIGN')) {
        throw new RedisStoreError(
          'REDIS_FOREIGN_DATA',
          `keys under "${this.prefix}" hold data this store did not write (${message}): choose another prefix`,
          { cause: error },
        );
      }
      throw error;
    }
  }

  private recordKey(id: string): string {
    return `${this.prefix}:exec:${id}`;
  }

  private userKey(userId: string): string {
    return `${this.prefix}:user:${userId}`;
  }

  private aliveKey(): string {
    return `${this.prefix}:alive`;
  }

  private leasesKey(): string {
    return `${this.prefix}:leases`;
  }
}

function classifyConnectionError(
  error: unknown,
  connection: RedisOptions | undefined,
): RedisStoreError {
  const message = error instanceof Error ? error.message : String(error);
  const where =
    connection?.path ?? `${connection?.host ?? '127.0.0.1'}:${String(connection?.port ?? 6379)}`;
  if (/WRONGPASS|NOAUTH|invalid password|invalid username/i.test(message)) {
    return new RedisStoreError(
      'REDIS_AUTH_FAILED',
      `Redis at ${where} refused the credentials: ${message}`,
      { cause: error },
    );
  }
  return new RedisStoreError('REDIS_UNREACHABLE', `cannot reach Redis at ${where}: ${message}`, {
    cause: error,
  });
}
