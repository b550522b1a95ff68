import type { Clock, ClockTimer } from './clock.js';

// Node clamps delays above 2^31-1 ms to 1 ms; longer waits are chained.
const MAX_TIMER_DELAY_MS = 2_147_483_647;

/**
 * The real clock: `Date.now()` and unref'd Node timers, so pending deadlines never keep a
 * process alive on their own. The only file in tracker-core that touches them.
 */
export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }

  setTimer(delayMs: number, callback: () => void): ClockTimer {
    const dueAt = Date.now() + Math.max(0, delayMs);
    let handle: NodeJS.Timeout;
    const arm = (): void => {
      const remaining = dueAt - Date.now();
      if (remaining > MAX_TIMER_DELAY_MS) {
        handle = setTimeout(arm, MAX_TIMER_DELAY_MS);
      } else {
        handle = setTimeout(callback, Math.max(0, remaining));
      }
      handle.unref();
    };
    arm();
    return {
      cancel: () => {
        clearTimeout(handle);
      },
    };
  }
}

/** The shared default instance. */
export const systemClock: Clock = new SystemClock();
