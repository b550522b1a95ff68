import { randomBytes } from 'node:crypto';
import {
  isClock,
  systemClock,
  type Clock,
  type ClockTimer,
  type TrackerEvent,
} from '@aet/tracker-core';
import { z } from 'zod';
import { WsBridgeError } from './errors.js';
import { parseOptions } from './parseOptions.js';
import type { EventSource, SourceListener, SourceSubscription } from './eventSource.js';
import { UserEventRing } from './userEventRing.js';

/** What {@link TrackerEventSource} needs of a tracker: `AgentExecutionTracker` has it. */
export interface TrackerEventFeed {
  subscribe(listener: (event: TrackerEvent) => void): () => void;
}

const optionsSchema = z.strictObject({
  /** Events kept per user for resuming. @default 1000 */
  eventsPerUser: z.number().int().min(1).default(1_000),
  /** A user's events are dropped this long after their last one, once nobody follows them. @default 600000 (10 min) */
  idleUserTtlMs: z.number().int().min(1).default(600_000),
  /** Time for the idle sweep. @default the system clock */
  clock: z.custom<Clock>(isClock, 'a Clock (now, setTimer)').optional(),
});

/** Options of a {@link TrackerEventSource}. */
export type TrackerEventSourceOptions = z.input<typeof optionsSchema>;

const CURSOR = /^([a-z0-9]+-\d+)\.(\d+)$/;

/**
 * Events of a tracker in this process, kept in memory per user (the newest `eventsPerUser`) so
 * that a client can resume after a reconnect. Delivery is synchronous: each event reaches every
 * listener of its user as the tracker emits it.
 */
export class TrackerEventSource implements EventSource {
  private readonly options: z.output<typeof optionsSchema>;
  private readonly clock: Clock;
  /** Tells this source's cursors from those of a source in an earlier process. */
  private readonly sourceId = randomBytes(4).toString('hex');
  private ringsCreated = 0;
  private readonly rings = new Map<string, UserEventRing>();
  private readonly listeners = new Map<string, Set<SourceListener>>();
  private readonly unsubscribe: () => void;
  private sweepTimer: ClockTimer | undefined;

  constructor(tracker: TrackerEventFeed, options: TrackerEventSourceOptions = {}) {
    this.options = parseOptions(optionsSchema, options, 'TrackerEventSource');
    this.clock = this.options.clock ?? systemClock;
    this.unsubscribe = tracker.subscribe((event) => {
      this.receive(event);
    });
    this.scheduleSweep();
  }

  isCursor(value: string): boolean {
    return CURSOR.test(value);
  }

  open(
    userId: string,
    after: string | undefined,
    listener: SourceListener,
  ): Promise<SourceSubscription> {
    const ring = this.rings.get(userId);
    if (after !== undefined) {
      const match = CURSOR.exec(after);
      if (match === null) {
        return Promise.reject(
          new WsBridgeError(
            'WS_BRIDGE_BAD_CURSOR',
            `${JSON.stringify(after)} is not a cursor of this bridge`,
          ),
        );
      }
      const [, ringId = '', index = '0'] = match;
      if (ring?.id === ringId) {
        const afterIndex = Number(index);
        if (afterIndex > ring.lastIndex) {
          return Promise.reject(
            new WsBridgeError(
              'WS_BRIDGE_BAD_CURSOR',
              `cursor ${after} is newer than any event of this user`,
            ),
          );
        }
        if (afterIndex + 1 < ring.firstIndex) {
          listener.lost({ count: ring.firstIndex - afterIndex - 1, reason: 'retention' });
        }
        for (const [cursor, event] of ring.after(afterIndex)) listener.event(cursor, event);
      } else {
        // The cursor's ring is gone (it expired, or this is another process): what it had is unknown.
        listener.lost({ count: null, reason: 'unknown_cursor' });
        if (ring !== undefined)
          for (const [cursor, event] of ring.after(0)) listener.event(cursor, event);
      }
    }
    const current = this.ringFor(userId);
    let listeners = this.listeners.get(userId);
    if (listeners === undefined) this.listeners.set(userId, (listeners = new Set()));
    listeners.add(listener);
    return Promise.resolve({
      start: after ?? current.cursorAt(current.lastIndex),
      close: () => {
        const remaining = this.listeners.get(userId);
        remaining?.delete(listener);
        if (remaining?.size === 0) this.listeners.delete(userId);
      },
    });
  }

  close(): Promise<void> {
    this.unsubscribe();
    this.sweepTimer?.cancel();
    this.listeners.clear();
    this.rings.clear();
    return Promise.resolve();
  }

  private receive(event: TrackerEvent): void {
    const cursor = this.ringFor(event.userId).push(event, this.clock.now());
    const listeners = this.listeners.get(event.userId);
    if (listeners !== undefined) for (const listener of listeners) listener.event(cursor, event);
  }

  private ringFor(userId: string): UserEventRing {
    let ring = this.rings.get(userId);
    if (ring === undefined) {
      ring = new UserEventRing(
        `${this.sourceId}-${String(++this.ringsCreated)}`,
        this.options.eventsPerUser,
        this.clock.now(),
      );
      this.rings.set(userId, ring);
    }
    return ring;
  }

  /** Drops the rings of users nobody follows whose last event is older than `idleUserTtlMs`. */
  private scheduleSweep(): void {
    this.sweepTimer = this.clock.setTimer(this.options.idleUserTtlMs / 2, () => {
      const expired = this.clock.now() - this.options.idleUserTtlMs;
      for (const [userId, ring] of this.rings) {
        if (ring.lastEventAt <= expired && !this.listeners.has(userId)) this.rings.delete(userId);
      }
      this.scheduleSweep();
    });
  }
}
