import type { TrackerEvent } from '@aet/tracker-core';
import { Redis, type RedisOptions } from 'ioredis';
import { RedisStoreError } from './redisStoreError.js';

/** Options of a {@link RedisEventStream}. */
export interface RedisEventStreamOptions {
  /** An ioredis client to use (the stream does not close a client it was given). */
  readonly client?: Redis;
  /** Or how to connect (ioredis options). */
  readonly connection?: RedisOptions;
  /** Namespace of every key (the store's). @default 'aet' */
  readonly prefix?: string;
  /**
   * Events kept per user: older ones are trimmed as new ones arrive (`XADD … MAXLEN ~`, so a
   * little more may be kept, never less). @default 10000
   */
  readonly maxEventsPerUser?: number;
  /** A user's stream is deleted this long after its last event. @default 86400 (24 h) */
  readonly ttlSeconds?: number;
}

/** An event as stored, with the cursor to resume after it. */
export interface StoredEvent {
  /** The stream entry id (`<ms>-<n>`): pass it as `after` to read what came next. */
  readonly cursor: string;
  readonly event: TrackerEvent;
}

/** What {@link RedisEventStream.replay} returns. */
export interface ReplayResult {
  readonly events: readonly StoredEvent[];
  /**
   * Retention may have trimmed events after `after` before they were read: the reader should say
   * it missed some (and resync from the tracker's state). Conservative: never a silent gap.
   */
  readonly truncated: boolean;
}

const CURSOR = /^\d+-\d+$/;
let tailConnections = 0;

/**
 * The tracker's events in Redis, one stream per user (`<prefix>:events:<userId>`), for a
 * WebSocket node in another process: it replays what a user missed from a cursor, then tails
 * new events. Retention is bounded per user (`maxEventsPerUser`) and in time (`ttlSeconds`).
 * Events are appended in the order the tracker emits them, so each execution's `seq` is in order.
 */
export class RedisEventStream {
  private readonly redis: Redis;
  private readonly ownsClient: boolean;
  private tailClient: Redis | undefined;
  private tailClientId: Promise<number | undefined> = Promise.resolve(undefined);
  private readonly prefix: string;
  private readonly maxEvents: number;
  private readonly ttlSeconds: number;
  private pending: Promise<unknown> = Promise.resolve();
  /** Appends that failed (the sink never throws into the tracker). */
  appendErrors = 0;
  /** The last append failure, for diagnostics. */
  lastAppendError: unknown;

  constructor(options: RedisEventStreamOptions = {}) {
    this.prefix = options.prefix ?? 'aet';
    this.maxEvents = options.maxEventsPerUser ?? 10_000;
    this.ttlSeconds = options.ttlSeconds ?? 86_400;
    if (!Number.isInteger(this.maxEvents) || this.maxEvents < 1)
      throw badArgument('maxEventsPerUser', this.maxEvents, 'a whole number >= 1');
    if (!Number.isInteger(this.ttlSeconds) || this.ttlSeconds < 1)
      throw badArgument('ttlSeconds', this.ttlSeconds, 'a whole number of seconds >= 1');
    // Connect only once the options are known good.
    this.ownsClient = options.client === undefined;
    this.redis = options.client ?? new Redis({ enableAutoPipelining: true, ...options.connection });
  }

  /** Appends one event to its user's stream; resolves with its cursor. */
  async append(event: TrackerEvent): Promise<string> {
    const key = this.key(event.userId);
    const [added] = await this.guarded(async () =>
      Promise.all([
        this.redis.xadd(
          key,
          'MAXLEN',
          '~',
          this.maxEvents,
          '*',
          'seq',
          event.seq,
          'event',
          JSON.stringify(event),
        ),
        this.redis.expire(key, this.ttlSeconds),
      ]),
    );
    if (added === null) throw new Error(`XADD to ${key} returned no id`);
    return added;
  }

  /**
   * A tracker sink: `tracker.subscribe(stream.sink())`. Appends in emission order (each after the
   * previous one was sent, pipelined by ioredis); a failure is counted in `appendErrors`, never
   * thrown into the tracker.
   */
  sink(): (event: TrackerEvent) => void {
    return (event) => {
      this.pending = this.pending
        .then(() => this.append(event))
        .catch((error: unknown) => {
          this.appendErrors++;
          this.lastAppendError = error;
        });
    };
  }

  /** Resolves once every event handed to the sink so far was appended (or counted as failed). */
  async flush(): Promise<void> {
    await this.pending;
  }

  /**
   * The user's events after `after` (from the oldest kept when absent), oldest first, at most
   * `limit`. `truncated` says whether retention dropped events after the cursor.
   */
  async replay(
    userId: string,
    options: { readonly after?: string; readonly limit?: number } = {},
  ): Promise<ReplayResult> {
    const key = this.key(userId);
    const after = options.after;
    if (after !== undefined) assertCursor(after);
    const limit = options.limit ?? 1_000;
    if (!Number.isInteger(limit) || limit < 1)
      throw badArgument('limit', limit, 'a whole number >= 1');
    const entries = await this.guarded(() =>
      this.redis.xrange(key, after === undefined ? '-' : `(${after}`, '+', 'COUNT', limit),
    );
    const events = entries.map(([cursor, fields]) => ({ cursor, event: this.decode(key, fields) }));
    return { events, truncated: after !== undefined && (await this.trimmedAfter(key, after)) };
  }

  /**
   * One execution's events after its sequence number `afterSeq` (what a client that saw events
   * 1..afterSeq of that execution missed), oldest first. `truncated` when the execution's next
   * event is no longer kept: the client missed events retention dropped.
   */
  async replayExecution(
    userId: string,
    executionId: string,
    afterSeq: number,
  ): Promise<ReplayResult> {
    if (typeof executionId !== 'string' || executionId.length === 0)
      throw badArgument('executionId', executionId, 'a non-empty string');
    if (!Number.isInteger(afterSeq) || afterSeq < 0)
      throw badArgument('afterSeq', afterSeq, 'a whole number >= 0');
    const key = this.key(userId);
    // The stream is bounded (maxEventsPerUser), so reading it whole is bounded too.
    const entries = await this.guarded(() => this.redis.xrange(key, '-', '+'));
    const events = entries
      .map(([cursor, fields]) => ({ cursor, event: this.decode(key, fields) }))
      .filter(({ event }) => event.executionId === executionId && event.seq > afterSeq);
    const first = events[0]?.event.seq;
    const truncated =
      first === undefined ? await this.executionTrimmed(key) : first !== afterSeq + 1;
    return { events, truncated };
  }

  /**
   * Waits up to `blockMs` for events after `after` (use `$`-like "now" by passing the last cursor
   * you saw), on a connection of its own so that blocking does not hold up appends.
   */
  async tail(userId: string, after: string, blockMs: number): Promise<StoredEvent[]> {
    const key = this.key(userId);
    assertCursor(after);
    if (!Number.isInteger(blockMs) || blockMs < 0)
      throw badArgument('blockMs', blockMs, 'a whole number of ms >= 0');
    const tailClient = this.tailConnection();
    const reply = await this.guarded(() =>
      tailClient.xread('BLOCK', blockMs, 'STREAMS', key, after),
    );
    const entries = reply?.[0]?.[1] ?? [];
    return entries.map(([cursor, fields]) => ({ cursor, event: this.decode(key, fields) }));
  }

  /**
   * Waits up to `blockMs` for events of several users at once (one `XREAD BLOCK` over their
   * streams, on the tail connection): `positions` maps each user to the last cursor they saw.
   * Resolves with each user's new events, oldest first, at most `count` per user; a user with
   * none is absent. `interruptTail()` ends the wait early (to read a changed set of users).
   */
  async tailMany(
    positions: ReadonlyMap<string, string>,
    blockMs: number,
    count = 1_000,
  ): Promise<Map<string, StoredEvent[]>> {
    if (!Number.isInteger(blockMs) || blockMs < 0)
      throw badArgument('blockMs', blockMs, 'a whole number of ms >= 0');
    if (!Number.isInteger(count) || count < 1)
      throw badArgument('count', count, 'a whole number >= 1');
    const users = [...positions.keys()];
    const keys = users.map((userId) => this.key(userId));
    const cursors = users.map((userId) => {
      const cursor = positions.get(userId);
      assertCursor(cursor);
      return cursor;
    });
    const result = new Map<string, StoredEvent[]>();
    if (users.length === 0) return result;
    const tailClient = this.tailConnection();
    const reply = await this.guarded(() =>
      tailClient.xread('COUNT', count, 'BLOCK', blockMs, 'STREAMS', ...keys, ...cursors),
    );
    for (const [key, entries] of reply ?? []) {
      const userId = users[keys.indexOf(key)];
      if (userId === undefined || entries.length === 0) continue;
      result.set(
        userId,
        entries.map(([cursor, fields]) => ({ cursor, event: this.decode(key, fields) })),
      );
    }
    return result;
  }

  /** Ends a `tail`/`tailMany` wait now (it resolves with what it has: nothing). */
  async interruptTail(): Promise<void> {
    const id = await this.tailClientId;
    if (id !== undefined) await this.redis.client('UNBLOCK', id);
  }

  /** The cursor of the user's newest event (`0-0` when there is none): tail from it for "now". */
  async lastCursor(userId: string): Promise<string> {
    const key = this.key(userId);
    const newest = await this.guarded(() => this.redis.xrevrange(key, '+', '-', 'COUNT', 1));
    return newest[0]?.[0] ?? '0-0';
  }

  async close(): Promise<void> {
    await this.flush();
    if (this.tailClient !== undefined) this.tailClient.disconnect();
    if (this.ownsClient) await this.redis.quit();
  }

  /**
   * The connection that blocks in XREAD, created on first use. Its client id (for UNBLOCK) is
   * looked up by name from the main connection whenever it (re)connects: asking the tail
   * connection itself would queue behind its blocked read.
   */
  private tailConnection(): Redis {
    if (this.tailClient === undefined) {
      const connectionName = `aet-tail-${process.pid}-${++tailConnections}`;
      const tailClient = this.redis.duplicate({ enableAutoPipelining: false, connectionName });
      tailClient.on('ready', () => {
        this.tailClientId = this.clientIdByName(connectionName);
      });
      this.tailClient = tailClient;
    }
    return this.tailClient;
  }

  private async clientIdByName(name: string): Promise<number | undefined> {
    try {
      const list = String(await this.redis.call('CLIENT', 'LIST', 'TYPE', 'normal'));
      const line = list.split('\n').find((entry) => entry.includes(` name=${name} `));
      const id = line === undefined ? undefined : /\bid=(\d+)/.exec(line)?.[1];
      return id === undefined ? undefined : Number(id);
    } catch {
      return undefined;
    }
  }

  /**
   * Whether retention may have dropped entries after `after`: the stream was trimmed and `after`
   * is older than the oldest entry kept. Conservative: when `after` is itself the newest entry
   * trimmed, nothing was lost but this still says so — never a silent gap. (Redis 7.0 does not
   * record the id of the last trimmed entry, only the first kept and the count ever added.)
   */
  private async trimmedAfter(key: string, after: string): Promise<boolean> {
    const retention = await this.retention(key);
    return (
      retention === undefined ||
      (retention.trimmed && compareCursors(after, retention.firstKept) < 0)
    );
  }

  /**
   * With nothing newer kept for an execution: trimmed streams may have dropped its later events,
   * an untrimmed one did not; a stream that is gone has expired.
   */
  private async executionTrimmed(key: string): Promise<boolean> {
    const retention = await this.retention(key);
    return retention === undefined || retention.trimmed;
  }

  /** What retention did to a stream (undefined when it no longer exists: it expired). */
  private async retention(
    key: string,
  ): Promise<{ trimmed: boolean; firstKept: string } | undefined> {
    let info: unknown[];
    try {
      info = (await this.guarded(() => this.redis.xinfo('STREAM', key))) as unknown[];
    } catch (error) {
      if (error instanceof Error && error.message.includes('no such key')) return undefined;
      throw error;
    }
    const field = (name: string): unknown => info[info.indexOf(name) + 1];
    return {
      trimmed: Number(field('entries-added')) > Number(field('length')),
      firstKept: String(field('recorded-first-entry-id')),
    };
  }

  private decode(key: string, fields: string[]): TrackerEvent {
    const index = fields.indexOf('event');
    const json = index === -1 ? undefined : fields[index + 1];
    try {
      if (json === undefined) throw new Error('no event field');
      return JSON.parse(json) as TrackerEvent;
    } catch (error) {
      throw new RedisStoreError(
        'REDIS_FOREIGN_DATA',
        `${key} holds entries this stream did not write (${(error as Error).message}): choose another prefix`,
        { cause: error },
      );
    }
  }

  private key(userId: string): string {
    if (typeof userId !== 'string' || userId.length === 0)
      throw badArgument('userId', userId, 'a non-empty string');
    return `${this.prefix}:events:${userId}`;
  }

  private async guarded<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      if (error instanceof Error && error.message.includes('WRONGTYPE')) {
        throw new RedisStoreError(
          'REDIS_FOREIGN_DATA',
          `keys under "${this.prefix}" hold data this stream did not write (${error.message}): choose another prefix`,
          { cause: error },
        );
      }
      throw error;
    }
  }
}

function assertCursor(cursor: unknown): asserts cursor is string {
  if (typeof cursor !== 'string' || !CURSOR.test(cursor))
    throw badArgument('after', cursor, 'a cursor of a stored event, like "1700000000000-0"');
}

function badArgument(name: string, value: unknown, expected: string): RedisStoreError {
  return new RedisStoreError(
    'REDIS_BAD_ARGUMENT',
    `${name} must be ${expected}, got ${value === undefined ? 'undefined' : JSON.stringify(value)}`,
  );
}

/** Orders two stream cursors (`<ms>-<n>`): negative, zero or positive, as for `Array.sort`. */
function compareCursors(a: string, b: string): number {
  const [am = 0n, an = 0n] = a.split('-').map(BigInt);
  const [bm = 0n, bn = 0n] = b.split('-').map(BigInt);
  if (am !== bm) return am < bm ? -1 : 1;
  if (an !== bn) return an < bn ? -1 : 1;
  return 0;
}
