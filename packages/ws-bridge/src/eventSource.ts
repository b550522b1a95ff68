import type { TrackerEvent } from '@aet/tracker-core';

/** Retention dropped events after the cursor a client resumed from. */
export interface EventGap {
  /** How many of the user's events were dropped, when the source knows. */
  readonly count: number | null;
  /** `retention`: older than the source keeps; `unknown_cursor`: the cursor's history is gone. */
  readonly reason: 'retention' | 'unknown_cursor';
}

/** Receives one user's events from an {@link EventSource}. */
export interface SourceListener {
  /** Called at most once, before any replayed event, when events after `after` were lost. */
  lost(gap: EventGap): void;
  /** Each event once, oldest first: replayed ones (after `after`), then live ones. */
  event(cursor: string, event: TrackerEvent): void;
}

/** An open subscription to one user's events. */
export interface SourceSubscription {
  /** Where the stream starts: the resumed cursor's position, or the newest event at open. */
  readonly start: string;
  close(): void;
}

/**
 * Where a bridge gets events: for one user, replay what came after a cursor, then follow new
 * ones, in order, each once. {@link TrackerEventSource} follows a tracker in this process;
 * {@link EventLogSource} follows a per-user event log (Redis) written by other processes.
 */
export interface EventSource {
  /** Opens `userId`'s events after `after` (or from now). Rejects when `after` is not a cursor. */
  open(
    userId: string,
    after: string | undefined,
    listener: SourceListener,
  ): Promise<SourceSubscription>;
  /** True when `value` has the form of this source's cursors (checked before any event is sent). */
  isCursor(value: string): boolean;
  close(): Promise<void>;
}
