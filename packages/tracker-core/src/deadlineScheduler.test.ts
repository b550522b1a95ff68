import { describe, expect, it } from 'vitest';
import { DeadlineScheduler } from './deadlineScheduler.js';
import type { HeapEntry } from './indexedMinHeap.js';
import { ManualClock } from './manualClock.js';

interface Target extends HeapEntry {
  readonly name: string;
}

const target = (name: string): Target => ({ name, wakeAt: Infinity, heapIndex: -1 });

function recordingScheduler(clock: ManualClock) {
  const due: string[] = [];
  const scheduler = new DeadlineScheduler<Target>(clock, (t, now) => due.push(`${t.name}@${now}`));
  return { due, scheduler };
}

describe(DeadlineScheduler, () => {
  it('fires each target at its time through a single clock timer', () => {
    const clock = new ManualClock();
    const { due, scheduler } = recordingScheduler(clock);
    scheduler.schedule(target('c'), 300);
    scheduler.schedule(target('a'), 100);
    scheduler.schedule(target('b'), 200);
    expect(clock.pendingTimers).toBe(2); // armed at 300, then re-armed earlier at 100
    clock.advance(250);
    expect(due).toEqual(['a@100', 'b@200']);
    clock.advance(50);
    expect(due).toEqual(['a@100', 'b@200', 'c@300']);
    expect(scheduler.size).toBe(0);
  });

  it('fires targets with equal deadlines in the order they were scheduled', () => {
    const clock = new ManualClock();
    const { due, scheduler } = recordingScheduler(clock);
    for (const name of ['first', 'second', 'third', 'fourth'])
      scheduler.schedule(target(name), 100);
    clock.advance(100);
    expect(due).toEqual(['first@100', 'second@100', 'third@100', 'fourth@100']);
  });

  it('keeps each target once: scheduling again moves it, cancelling removes it', () => {
    const clock = new ManualClock();
    const { due, scheduler } = recordingScheduler(clock);
    const moved = target('moved');
    const cancelled = target('cancelled');
    scheduler.schedule(moved, 100);
    scheduler.schedule(moved, 500);
    scheduler.schedule(moved, 50);
    scheduler.schedule(cancelled, 60);
    scheduler.cancel(cancelled);
    scheduler.cancel(cancelled);
    expect(scheduler.size).toBe(1);
    clock.advance(1_000);
    expect(due).toEqual(['moved@50']);
  });

  it('handles nothing when no target is due, however many are pending', () => {
    const clock = new ManualClock();
    const scheduler = new DeadlineScheduler<Target>(clock, () => {
      throw new Error('nothing is due');
    });
    for (let i = 0; i < 10_000; i++) scheduler.schedule(target(`t${i}`), 1_000 + i);
    expect(scheduler.runDue(999)).toBe(0);
    expect(scheduler.nextDeadline).toBe(1_000);
  });

  it('lets the owner re-schedule a target from the callback', () => {
    const clock = new ManualClock();
    const seen: number[] = [];
    const scheduler: DeadlineScheduler<Target> = new DeadlineScheduler<Target>(clock, (t, now) => {
      seen.push(now);
      if (now < 30) scheduler.schedule(t, now + 10);
    });
    scheduler.schedule(target('again'), 10);
    clock.advance(100);
    expect(seen).toEqual([10, 20, 30]);
  });

  it('orders many targets correctly under random moves and removals', () => {
    const clock = new ManualClock();
    const { due, scheduler } = recordingScheduler(clock);
    const targets = Array.from({ length: 500 }, (_, i) => target(String(i)));
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647);
    const expected = new Map<string, number>();
    for (let step = 0; step < 3_000; step++) {
      const t = targets[next() % targets.length] as Target;
      if (next() % 5 === 0) {
        scheduler.cancel(t);
        expected.delete(t.name);
      } else {
        const at = 1 + (next() % 10_000);
        scheduler.schedule(t, at);
        expected.set(t.name, at);
      }
    }
    clock.advance(10_001);
    const firedAt = due.map((entry) => Number(entry.split('@')[1]));
    expect(firedAt).toEqual([...firedAt].sort((a, b) => a - b));
    expect(new Set(due.map((entry) => entry.split('@')[0]))).toEqual(new Set(expected.keys()));
    for (const entry of due) {
      const [name, at] = entry.split('@');
      expect(Number(at)).toBe(expected.get(name as string));
    }
  });

  it('stops firing after dispose', () => {
    const clock = new ManualClock();
    const { due, scheduler } = recordingScheduler(clock);
    scheduler.schedule(target('x'), 10);
    scheduler.dispose();
    scheduler.schedule(target('y'), 20);
    clock.advance(100);
    expect(due).toEqual([]);
  });
});
