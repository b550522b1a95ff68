import type { Clock, ClockTimer } from './clock.js';
import { MinHeap } from './minHeap.js';

// Below this many stale entries compaction is not worth its O(n) pass.
const COMPACTION_FLOOR = 1024;

/**
 * One min-heap of deadlines driven by a single clock timer armed for the earliest one.
 *
 * Entries are never removed or updated in place: when a target's deadline moves later (a
 * heartbeat), its old entry simply fires early and the owner re-schedules it; when it moves
 * earlier, the owner pushes a new entry and ignores the old one when it comes due. So a heartbeat
 * costs a field write, a tick with nothing due costs one comparison whatever the number of live
 * targets, and a due entry costs O(log n).
 * @internal
 */
export class DeadlineScheduler<T> {
  private readonly heap = new MinHeap<T>();
  private timer: ClockTimer | undefined;
  private armedAt = Infinity;
  private disposed = false;

  /**
   * @param clock drives the timer and supplies `now`.
   * @param onDue called for each entry whose deadline has come, with the key it was scheduled at.
   */
  constructor(
    private readonly clock: Clock,
    private readonly onDue: (target: T, dueAt: number, now: number) => void,
  ) {}

  /** Number of heap entries, stale ones included. */
  get size(): number {
    return this.heap.size;
  }

  /** The earliest pending deadline, or `Infinity`. */
  get nextDeadline(): number {
    return this.heap.peekKey();
  }

  /** Adds a deadline for `target` at epoch ms `dueAt`. */
  schedule(dueAt: number, target: T): void {
    if (this.disposed) return;
    this.heap.push(dueAt, target);
    if (dueAt < this.armedAt) this.arm(dueAt);
  }

  /**
   * Handles every entry due at or before `now` (default: the clock's now), earliest first, and
   * re-arms the timer. Returns how many entries came due. Safe to call at any time.
   */
  runDue(now: number = this.clock.now()): number {
    let handled = 0;
    while (this.heap.peekKey() <= now) {
      const dueAt = this.heap.peekKey();
      const target = this.heap.pop() as T;
      handled++;
      this.onDue(target, dueAt, now);
    }
    this.rearm();
    return handled;
  }

  /**
   * Drops stale entries once they outnumber `liveTargets` (plus a floor), so targets removed long
   * before their deadline do not pile up. O(n) when it runs, amortised O(1) per removal.
   * @param isCurrent tells whether an entry still stands for its target.
   */
  compactIfBloated(liveTargets: number, isCurrent: (target: T, dueAt: number) => boolean): boolean {
    if (this.heap.size <= 2 * liveTargets + COMPACTION_FLOOR) return false;
    this.heap.retain((dueAt, target) => isCurrent(target, dueAt));
    this.rearm();
    return true;
  }

  /** Cancels the timer and drops every entry. */
  dispose(): void {
    this.disposed = true;
    this.timer?.cancel();
    this.timer = undefined;
    this.armedAt = Infinity;
    this.heap.clear();
  }

  private rearm(): void {
    const next = this.heap.peekKey();
    if (next === this.armedAt) return;
    if (next === Infinity) {
      this.timer?.cancel();
      this.timer = undefined;
      this.armedAt = Infinity;
      return;
    }
    this.arm(next);
  }

  private arm(dueAt: number): void {
    this.timer?.cancel();
    this.armedAt = dueAt;
    this.timer = this.clock.setTimer(dueAt - this.clock.now(), () => {
      this.timer = undefined;
      this.armedAt = Infinity;
      this.runDue();
    });
  }
}
