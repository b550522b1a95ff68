import { InvalidArgumentError } from './errors.js';
import { callIsolated } from './isolatedCall.js';
import type { TrackerEvent } from './trackerEvent.js';

/** A listener of tracker events. A returned promise is not awaited; its rejection is counted. */
export type TrackerEventListener = (event: TrackerEvent) => unknown;

/**
 * Delivers events to listeners in emission order. Each listener is isolated: one that throws, or
 * returns a promise that rejects, is counted in `sinkErrors` and never stops delivery to the
 * others; one that is slow should be async, since delivery never awaits it. Listeners scoped to
 * a user are kept per user, so delivery costs the same however many users are subscribed.
 * @internal
 */
export class EventBus {
  private global: readonly TrackerEventListener[] = [];
  private readonly byUser = new Map<string, readonly TrackerEventListener[]>();
  eventsEmitted = 0;
  sinkErrors = 0;

  constructor(private readonly onSinkError: (error: unknown) => void = () => undefined) {}

  /** Subscribes `listener` to every event, or only to `userId`'s. Returns the unsubscribe function. */
  subscribe(listener: TrackerEventListener, userId?: string): () => void {
    if (typeof listener !== 'function') {
      throw new InvalidArgumentError(`listener must be a function, got ${typeof listener}`);
    }
    // Copy-on-write, so a listener that (un)subscribes during delivery does not disturb it.
    if (userId === undefined) {
      this.global = [...this.global, listener];
    } else {
      this.byUser.set(userId, [...(this.byUser.get(userId) ?? []), listener]);
    }
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      if (userId === undefined) {
        this.global = this.global.filter((candidate) => candidate !== listener);
        return;
      }
      const remaining = (this.byUser.get(userId) ?? []).filter(
        (candidate) => candidate !== listener,
      );
      if (remaining.length === 0) this.byUser.delete(userId);
      else this.byUser.set(userId, remaining);
    };
  }

  emit(event: TrackerEvent): void {
    this.eventsEmitted++;
    const scoped = this.byUser.get(event.userId);
    for (const listener of this.global) this.deliver(listener, event);
    if (scoped !== undefined) for (const listener of scoped) this.deliver(listener, event);
  }

  private deliver(listener: TrackerEventListener, event: TrackerEvent): void {
    callIsolated(
      () => listener(event),
      (error) => {
        this.recordSinkError(error);
      },
    );
  }

  private recordSinkError(error: unknown): void {
    this.sinkErrors++;
    try {
      this.onSinkError(error);
    } catch {
      // The error reporter itself failed; the count above still records the sink failure.
    }
  }
}
