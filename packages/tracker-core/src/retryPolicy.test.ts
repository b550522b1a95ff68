import { describe, expect, it, vi } from 'vitest';
import { CircuitBreakerOpenError } from './errors.js';
import { ManualClock } from './manualClock.js';
import { retryDelayMs, retryPolicyFrom, runWithRetry } from './retryPolicy.js';
import { parseTimeoutConfig } from './trackerConfig.js';

const defaults = retryPolicyFrom(parseTimeoutConfig({}));

describe(retryDelayMs, () => {
  it('grows 1 s, 2 s, 4 s and caps at 5 s with the reference defaults', () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(defaults, n, () => 0.5))).toEqual([
      1000, 2000, 4000, 5000, 5000,
    ]);
  });

  it('jitters within the capped delay', () => {
    const full = { ...defaults, jitter: 'full' as const };
    const equal = { ...defaults, jitter: 'equal' as const };
    expect(retryDelayMs(full, 2, () => 0.25)).toBe(500);
    expect(retryDelayMs(equal, 2, () => 0)).toBe(1000);
    expect(retryDelayMs(equal, 2, () => 0.999)).toBeCloseTo(1999, 0);
  });
});

describe(runWithRetry, () => {
  it('makes three attempts, waiting 1 s then 2 s, and rethrows the last error', async () => {
    const clock = new ManualClock();
    const attempts: number[] = [];
    const run = runWithRetry(
      (attempt) => {
        attempts.push(clock.now());
        return Promise.reject(new Error(`attempt ${attempt} failed`));
      },
      { policy: defaults, clock, random: () => 0.5 },
    );
    const outcome = expect(run).rejects.toThrow('attempt 3 failed');
    await clock.advanceAsync(10_000);
    await outcome;
    expect(attempts).toEqual([0, 1000, 3000]);
  });

  it('returns the first success', async () => {
    const clock = new ManualClock();
    const fn = vi.fn((attempt: number) =>
      attempt < 2 ? Promise.reject(new Error('flaky')) : Promise.resolve(attempt),
    );
    const run = runWithRetry(fn, { policy: defaults, clock, random: () => 0 });
    await clock.advanceAsync(1000);
    await expect(run).resolves.toBe(2);
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it('does not retry non-retryable errors', async () => {
    const clock = new ManualClock();
    const open = vi.fn(() => Promise.reject(new CircuitBreakerOpenError('llm', 1000)));
    await expect(
      runWithRetry(open, { policy: defaults, clock, random: () => 0 }),
    ).rejects.toBeInstanceOf(CircuitBreakerOpenError);
    expect(open).toHaveBeenCalledTimes(1);
    const marked = vi.fn(() =>
      Promise.reject(Object.assign(new Error('400 bad request'), { retryable: false })),
    );
    await expect(
      runWithRetry(marked, { policy: defaults, clock, random: () => 0 }),
    ).rejects.toThrow('400');
    expect(marked).toHaveBeenCalledTimes(1);
  });

  it('stops waiting when its signal aborts', async () => {
    const clock = new ManualClock();
    const controller = new AbortController();
    const run = runWithRetry(() => Promise.reject(new Error('down')), {
      policy: defaults,
      clock,
      random: () => 0,
      signal: controller.signal,
    });
    const outcome = expect(run).rejects.toThrow('user went away');
    await clock.advanceAsync(10);
    controller.abort(new Error('user went away'));
    await outcome;
  });
});
