import { isClock, sleep, systemClock, type Clock, type TrackerEvent } from '@aet/tracker-core';
import { z } from 'zod';
import { WsBridgeError } from './errors.js';
import { parseOptions } from './parseOptions.js';
import type { EventSource, SourceListener, SourceSubscription } from './eventSource.js';

/** An event in a log, with the cursor to read on after it. */
export interface LoggedEvent {
  readonly cursor: string;
  readonly event: TrackerEvent;
}

/**
 * A per-user event log that other processes append to; `RedisEventStream` from
 * `@aet/store-redis` is one (`tracker.subscribe(stream.sink())` in the processes that run agents).
 */
export interface UserEventLog {
  /** The user's events after `after` (from the oldest kept when absent), oldest first. */
  replay(
    userId: string,
    options: { readonly after?: string; readonly limit?: number },
  ): Promise<{ readonly events: readonly LoggedEvent[]; readonly truncated: boolean }>;
  /** Waits up to `blockMs` for events after each user's cursor; users without any are absent. */
  tailMany(
    positions: ReadonlyMap<string, string>,
    blockMs: number,
    count?: number,
  ): Promise<ReadonlyMap<string, readonly LoggedEvent[]>>;
  /** Ends a `tailMany` wait early. */
  interruptTail(): Promise<void>;
  /** The cursor of the user's newest event (a cursor before every event when there is none). */
  lastCursor(userId: string): Promise<string>;
}

const optionsSchema = z.strictObject({
  /** Longest single wait for new events; joining users interrupt it. @default 1000 */
  blockMs: z.number().int().min(1).default(1_000),
  /** Events read per user per round trip, and per replay page. @default 500 */
  batchSize: z.number().int().min(1).default(500),
  /** Wait after a failed read before the next. @default 250 */
  retryDelayMs: z.number().int().min(1).default(250),
  clock: z.custom<Clock>(isClock, 'a Clock (now, setTimer)').optional(),
  /** Told about each failed read (the source retries on its own). */
  onError: z.custom<(error: unknown) => void>((value) => typeof value === 'function').optional(),
});

/** Options of an {@link EventLogSource}. */
export type EventLogSourceOptions = z.input<typeof optionsSchema>;

/** A followed user: where the shared tail read is, and who gets the events. */
interface FollowedUser {
  position: string;
  readonly listeners: Set<SourceListener>;
}

const STREAM_CURSOR = /^\d+-\d+$/;

/**
 * Events from a per-user log written by other processes (Redis Streams), for a bridge that runs
 * apart from the agents. One loop tails every followed user at once; a client that resumes reads
 * its backlog page by page, while new events wait in a buffer, then joins the live stream.
 */
export class EventLogSource implements EventSource {
  private readonly options: z.output<typeof optionsSchema>;
  private readonly clock: Clock;
  private readonly users = new Map<string, FollowedUser>();
  private readonly joining = new Map<string, Promise<FollowedUser>>();
  private closed = false;
  private wake: (() => void) | undefined;
  private readonly loop: Promise<void>;
  /** Reads of the log that failed (and were retried). */
  readErrors = 0;

  constructor(
    private readonly log: UserEventLog,
    options: EventLogSourceOptions = {},
  ) {
    this.options = parseOptions(optionsSchema, options, 'EventLogSource');
    this.clock = this.options.clock ?? systemClock;
    this.loop = this.tailLoop();
  }

  isCursor(value: string): boolean {
    return STREAM_CURSOR.test(value);
  }

  async open(
    userId: string,
    after: string | undefined,
    listener: SourceListener,
  ): Promise<SourceSubscription> {
    if (this.closed) throw new WsBridgeError('WS_BRIDGE_CLOSED', 'the event source is closed');
    if (after !== undefined && !this.isCursor(after)) {
      throw new WsBridgeError(
        'WS_BRIDGE_BAD_CURSOR',
        `${JSON.stringify(after)} is not a cursor of this bridge`,
      );
    }
    let user = await this.followUser(userId);
    // The user's last connection may have closed while this one waited: follow them again.
    while (this.users.get(userId) !== user) user = await this.followUser(userId);
    const close = (): void => {
      user.listeners.delete(listener);
      if (user.listeners.size === 0 && this.users.get(userId) === user) this.users.delete(userId);
    };
    if (after === undefined) {
      user.listeners.add(listener);
      return { start: user.position, close };
    }
    // Live events that arrive while the backlog is read wait here; a live event the backlog
    // also returned is dropped, so each event arrives once and in order.
    const buffered: LoggedEvent[] = [];
    const buffering: SourceListener = {
      lost: () => undefined,
      event: (cursor, event) => buffered.push({ cursor, event }),
    };
    user.listeners.add(buffering);
    try {
      const replayed = new Set<string>();
      let cursor = after;
      for (let page = 0; ; page++) {
        const { events, truncated } = await this.log.replay(userId, {
          after: cursor,
          limit: this.options.batchSize,
        });
        if (page === 0 && truncated) listener.lost({ count: null, reason: 'retention' });
        for (const stored of events) {
          replayed.add(stored.cursor);
          listener.event(stored.cursor, stored.event);
          cursor = stored.cursor;
        }
        if (events.length < this.options.batchSize) break;
      }
      for (const stored of buffered) {
        if (!replayed.has(stored.cursor)) listener.event(stored.cursor, stored.event);
      }
      user.listeners.delete(buffering);
      user.listeners.add(listener);
      return { start: after, close };
    } catch (error) {
      // Without the buffer first: a user left with no listener is no longer followed.
      user.listeners.delete(buffering);
      close();
      throw error;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wake?.();
    await this.log.interruptTail().catch(() => undefined);
    await this.loop;
    this.users.clear();
  }

  /** The followed user, joining the tail loop at the user's newest event when new. */
  private async followUser(userId: string): Promise<FollowedUser> {
    const known = this.users.get(userId);
    if (known !== undefined) return known;
    let joining = this.joining.get(userId);
    if (joining === undefined) {
      joining = this.log.lastCursor(userId).then((position) => {
        const user: FollowedUser = { position, listeners: new Set() };
        this.users.set(userId, user);
        this.joining.delete(userId);
        this.wake?.();
        // The loop may be blocked reading the other users: restart it with this one.
        void this.log.interruptTail().catch(() => undefined);
        return user;
      });
      joining.catch(() => this.joining.delete(userId));
      this.joining.set(userId, joining);
    }
    return joining;
  }

  /** (A method, so that the loop reads the flag anew after each await.) */
  private isClosed(): boolean {
    return this.closed;
  }

  private async tailLoop(): Promise<void> {
    while (!this.closed) {
      if (this.users.size === 0) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = undefined;
        continue;
      }
      const reading = new Map(this.users);
      const positions = new Map([...reading].map(([userId, user]) => [userId, user.position]));
      let read: ReadonlyMap<string, readonly LoggedEvent[]>;
      try {
        read = await this.log.tailMany(positions, this.options.blockMs, this.options.batchSize);
      } catch (error) {
        if (this.isClosed()) return;
        this.readErrors++;
        this.options.onError?.(error);
        await sleep(this.clock, this.options.retryDelayMs);
        continue;
      }
      for (const [userId, events] of read) {
        const user = reading.get(userId);
        // A user who left (and maybe came back) since the read began starts from a new position.
        if (user === undefined || this.users.get(userId) !== user) continue;
        for (const { cursor, event } of events) {
          user.position = cursor;
          for (const listener of user.listeners) listener.event(cursor, event);
        }
      }
    }
  }
}
