import { describe, expect, it } from 'vitest';
import { DeadlineScheduler } from './deadlineScheduler.js';
import { ManualClock } from './manualClock.js';

describe(DeadlineScheduler, () => {
  it('fires each deadline at its time through a single clock timer', () => {
    const clock = new ManualClock();
    const due: string[] = [];
    const scheduler = new DeadlineScheduler<string>(clock, (target, dueAt, now) =>
      due.push(`${target}:${dueAt}@${now}`),
    );
    scheduler.schedule(300, 'c');
    scheduler.schedule(100, 'a');
    scheduler.schedule(200, 'b');
    expect(clock.pendingTimers).toBe(2); // armed at 300, then re-armed earlier at 100
    clock.advance(250);
    expect(due).toEqual(['a:100@100', 'b:200@200']);
    clock.advance(50);
    expect(due).toEqual(['a:100@100', 'b:200@200', 'c:300@300']);
    expect(scheduler.size).toBe(0);
  });

  it('handles nothing when no deadline is due, however many are pending', () => {
    const clock = new ManualClock();
    const scheduler = new DeadlineScheduler<number>(clock, () => {
      throw new Error('nothing is due');
    });
    for (let i = 0; i < 10_000; i++) scheduler.schedule(1_000 + i, i);
    expect(scheduler.runDue(999)).toBe(0);
    expect(scheduler.nextDeadline).toBe(1_000);
  });

  it('lets the owner re-schedule from the callback', () => {
    const clock = new ManualClock();
    const seen: number[] = [];
    const scheduler: DeadlineScheduler<string> = new DeadlineScheduler<string>(
      clock,
      (_target, dueAt) => {
        seen.push(dueAt);
        if (dueAt < 30) scheduler.schedule(dueAt + 10, 'again');
      },
    );
    scheduler.schedule(10, 'first');
    clock.advance(100);
    expect(seen).toEqual([10, 20, 30]);
  });

  it('stops firing after dispose', () => {
    const clock = new ManualClock();
    let fired = 0;
    const scheduler = new DeadlineScheduler<string>(clock, () => fired++);
    scheduler.schedule(10, 'x');
    scheduler.dispose();
    scheduler.schedule(20, 'y');
    clock.advance(100);
    expect(fired).toBe(0);
  });
});

describe('DeadlineScheduler compaction', () => {
  it('drops stale entries once they outnumber live ones, keeping the live deadlines', () => {
    const clock = new ManualClock();
    const fired: number[] = [];
    const scheduler = new DeadlineScheduler<number>(clock, (target) => fired.push(target));
    for (let i = 0; i < 5_000; i++) scheduler.schedule(1_000 + i, i);
    const live = new Set([7, 4_999]);
    expect(scheduler.compactIfBloated(5_000, () => true)).toBe(false);
    expect(scheduler.compactIfBloated(live.size, (target) => live.has(target))).toBe(true);
    expect(scheduler.size).toBe(2);
    clock.advance(10_000);
    expect(fired).toEqual([7, 4_999]);
  });
});
