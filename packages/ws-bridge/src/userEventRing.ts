import type { TrackerEvent } from '@aet/tracker-core';

/**
 * The newest `capacity` events of one user, numbered 1, 2, 3… in arrival order. A cursor is
 * `<ringId>.<index>`: the ring id tells a cursor of this ring from one of an older ring of the
 * same user (expired) or of another process.
 * @internal
 */
export class UserEventRing {
  private readonly events: (TrackerEvent | undefined)[];
  /** Index of the newest event (0 when empty). */
  lastIndex = 0;
  lastEventAt: number;

  constructor(
    readonly id: string,
    private readonly capacity: number,
    now: number,
  ) {
    this.events = new Array<TrackerEvent | undefined>(capacity);
    this.lastEventAt = now;
  }

  /** Index of the oldest event kept. */
  get firstIndex(): number {
    return Math.max(1, this.lastIndex - this.capacity + 1);
  }

  push(event: TrackerEvent, now: number): string {
    this.lastIndex++;
    this.events[this.lastIndex % this.capacity] = event;
    this.lastEventAt = now;
    return this.cursorAt(this.lastIndex);
  }

  cursorAt(index: number): string {
    return `${this.id}.${String(index)}`;
  }

  /** The events after `index`, oldest first, with their cursors. */
  *after(index: number): Generator<[string, TrackerEvent]> {
    for (let i = Math.max(index + 1, this.firstIndex); i <= this.lastIndex; i++) {
      const event = this.events[i % this.capacity];
      if (event !== undefined) yield [this.cursorAt(i), event];
    }
  }
}
