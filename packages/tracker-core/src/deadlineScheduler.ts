import type { Clock, ClockTimer } from './clock.js';
import { IndexedMinHeap, type HeapEntry } from './indexedMinHeap.js';

/**
 * Every wake-up of the tracker's executions in one indexed min-heap, driven by a single clock
 * timer armed for the earliest one. Each target is in the heap at most once: scheduling it again
 * moves it, and `cancel` takes it out, in O(log n).
 *
 * The owner keeps heartbeats off this path: a heartbeat only moves a deadline later, so the
 * target is left where it is, comes due early, and is re-scheduled then. A tick with nothing due
 * is one comparison, whatever the number of targets.
 * @internal
 */
export class DeadlineScheduler<T extends HeapEntry> {
  private readonly heap = new IndexedMinHeap<T>();
  private timer: ClockTimer | undefined;
  private armedAt = Infinity;
  private disposed = false;

  /**
   * @param clock drives the timer and supplies `now`.
   * @param onDue called for each target whose wake-up has come (it is out of the heap by then).
   */
  constructor(
    private readonly clock: Clock,
    private readonly onDue: (target: T, now: number) => void,
  ) {}

  /** Number of scheduled targets. */
  get size(): number {
    return this.heap.size;
  }

  /** The earliest pending wake-up, or `Infinity`. */
  get nextDeadline(): number {
    return this.heap.peek()?.wakeAt ?? Infinity;
  }

  /** Schedules `target` to come due at epoch ms `at`, moving it if it was scheduled already. */
  schedule(target: T, at: number): void {
    if (this.disposed) return;
    this.heap.set(target, at);
    if (at < this.armedAt) this.arm(at);
  }

  /** Takes `target` out of the schedule. */
  cancel(target: T): void {
    this.heap.delete(target);
  }

  /**
   * Handles every target due at or before `now` (default: the clock's now), earliest first, then
   * re-arms the timer. Returns how many came due.
   */
  runDue(now: number = this.clock.now()): number {
    let handled = 0;
    for (
      let next = this.heap.peek();
      next !== undefined && next.wakeAt <= now;
      next = this.heap.peek()
    ) {
      this.heap.delete(next);
      handled++;
      this.onDue(next, now);
    }
    this.rearm();
    return handled;
  }

  /** Cancels the timer and drops every target. */
  dispose(): void {
    this.disposed = true;
    this.timer?.cancel();
    this.timer = undefined;
    this.armedAt = Infinity;
    this.heap.clear();
  }

  private rearm(): void {
    const next = this.nextDeadline;
    if (next === this.armedAt) return;
    if (next === Infinity) {
      this.timer?.cancel();
      this.timer = undefined;
      this.armedAt = Infinity;
      return;
    }
    this.arm(next);
  }

  private arm(at: number): void {
    this.timer?.cancel();
    this.armedAt = at;
    this.timer = this.clock.setTimer(at - this.clock.now(), () => {
      this.timer = undefined;
      this.armedAt = Infinity;
      this.runDue();
    });
  }
}
