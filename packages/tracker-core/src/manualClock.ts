import type { Clock, ClockTimer } from './clock.js';
import { InvalidArgumentError } from './errors.js';
import { MinHeap } from './minHeap.js';

interface ManualTimer {
  readonly callback: () => void;
  cancelled: boolean;
}

// Enough turns of the event loop for promise chains resumed by a timer to schedule their next step.
const SETTLE_TURNS = 5;

/**
 * A clock that moves only when told to. `advance(ms)` runs every timer that falls due, in deadline
 * order (first-in first-out for equal deadlines), each at its own due time, before returning.
 * @example
 * const clock = new ManualClock();
 * const tracker = createExecutionTracker({ clock });
 * clock.advance(10_001); // heartbeat deadlines fire here
 */
export class ManualClock implements Clock {
  private current: number;
  private readonly timers = new MinHeap<ManualTimer>();

  /** @param startMs the initial time in epoch ms. @default 0 */
  constructor(startMs = 0) {
    assertFiniteMs('startMs', startMs);
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  setTimer(delayMs: number, callback: () => void): ClockTimer {
    const timer: ManualTimer = { callback, cancelled: false };
    this.timers.push(this.current + Math.max(0, delayMs), timer);
    return {
      cancel: () => {
        timer.cancelled = true;
      },
    };
  }

  /** Number of timers still waiting (cancelled ones excluded once they would have fired). */
  get pendingTimers(): number {
    return this.timers.size;
  }

  /** Moves time forward by `ms`, running due timers synchronously in deadline order. */
  advance(ms: number): void {
    assertNonNegativeMs('ms', ms);
    this.runUntil(this.current + ms);
  }

  /** Moves time forward to `epochMs` (not backwards). */
  advanceTo(epochMs: number): void {
    assertFiniteMs('epochMs', epochMs);
    if (epochMs < this.current) {
      throw new InvalidArgumentError(
        `ManualClock cannot go back in time: now ${this.current}, asked ${epochMs}`,
      );
    }
    this.runUntil(epochMs);
  }

  /**
   * Like {@link advance}, but lets promise callbacks run after every timer, so async code that
   * awaits a timer (retries, backoff, deadlines) makes progress within the same advance.
   */
  async advanceAsync(ms: number): Promise<void> {
    assertNonNegativeMs('ms', ms);
    const target = this.current + ms;
    await settle();
    while (this.timers.peekKey() <= target) {
      this.runNext();
      await settle();
    }
    this.current = target;
  }

  private runUntil(target: number): void {
    while (this.timers.peekKey() <= target) this.runNext();
    this.current = target;
  }

  private runNext(): void {
    const dueAt = this.timers.peekKey();
    const timer = this.timers.pop();
    if (timer === undefined || timer.cancelled) return;
    this.current = Math.max(this.current, dueAt);
    timer.cancelled = true;
    timer.callback();
  }
}

async function settle(): Promise<void> {
  for (let turn = 0; turn < SETTLE_TURNS; turn++) {
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

function assertFiniteMs(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InvalidArgumentError(
      `${name} must be a finite number of milliseconds, got ${String(value)}`,
    );
  }
}

function assertNonNegativeMs(name: string, value: number): void {
  assertFiniteMs(name, value);
  if (value < 0) throw new InvalidArgumentError(`${name} must be >= 0 milliseconds, got ${value}`);
}
