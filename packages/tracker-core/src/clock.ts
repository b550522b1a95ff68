/** A scheduled callback; `cancel()` is idempotent. */
export interface ClockTimer {
  cancel(): void;
}

/**
 * The source of time for everything in tracker-core. Inject a {@link ManualClock} in tests;
 * {@link SystemClock} is the default. Nothing else in the package reads the wall clock or calls
 * the global timer functions.
 */
export interface Clock {
  /** Current time in epoch milliseconds. */
  now(): number;
  /** Runs `callback` once, `delayMs` from now (0 or less: as soon as possible). */
  setTimer(delayMs: number, callback: () => void): ClockTimer;
}

/** True when `value` has the shape of a {@link Clock}. */
export function isClock(value: unknown): value is Clock {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Clock).now === 'function' &&
    typeof (value as Clock).setTimer === 'function'
  );
}

/**
 * Resolves after `delayMs` on `clock`, or rejects with the signal's reason when `signal` aborts first.
 */
export function sleep(clock: Clock, delayMs: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const onAbort = (): void => {
      timer.cancel();
      reject(signal?.reason as Error);
    };
    const timer = clock.setTimer(delayMs, () => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
