import { describe, expect, it } from 'vitest';
import { sleep } from './clock.js';
import { InvalidArgumentError } from './errors.js';
import { ManualClock } from './manualClock.js';

describe(ManualClock, () => {
  it('runs due timers in deadline order, each at its own time', () => {
    const clock = new ManualClock(100);
    const fired: string[] = [];
    clock.setTimer(30, () => fired.push(`b@${clock.now()}`));
    clock.setTimer(10, () => fired.push(`a@${clock.now()}`));
    clock.setTimer(30, () => fired.push(`c@${clock.now()}`));
    clock.setTimer(50, () => fired.push(`late@${clock.now()}`));
    clock.advance(30);
    expect(fired).toEqual(['a@110', 'b@130', 'c@130']);
    expect(clock.now()).toBe(130);
  });

  it('runs timers scheduled by a timer when they fall within the same advance', () => {
    const clock = new ManualClock();
    const fired: number[] = [];
    clock.setTimer(5, () => {
      fired.push(clock.now());
      clock.setTimer(5, () => fired.push(clock.now()));
    });
    clock.advance(10);
    expect(fired).toEqual([5, 10]);
  });

  it('does not run cancelled timers', () => {
    const clock = new ManualClock();
    let fired = false;
    const timer = clock.setTimer(1, () => (fired = true));
    timer.cancel();
    clock.advance(5);
    expect(fired).toBe(false);
  });

  it('lets promise chains resume between timers with advanceAsync', async () => {
    const clock = new ManualClock();
    const times: number[] = [];
    const chain = (async () => {
      await sleep(clock, 1000);
      times.push(clock.now());
      await sleep(clock, 2000);
      times.push(clock.now());
    })();
    await clock.advanceAsync(3000);
    await chain;
    expect(times).toEqual([1000, 3000]);
  });

  it('rejects negative and non-finite moves', () => {
    const clock = new ManualClock(50);
    expect(() => {
      clock.advance(-1);
    }).toThrow(InvalidArgumentError);
    expect(() => {
      clock.advance(Number.NaN);
    }).toThrow(/finite/);
    expect(() => {
      clock.advanceTo(10);
    }).toThrow(/back in time/);
    expect(() => new ManualClock(Number.POSITIVE_INFINITY)).toThrow(InvalidArgumentError);
  });
});
