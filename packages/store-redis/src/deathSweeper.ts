import { systemClock, type AgentExecutionTracker, type ClockTimer } from '@aet/tracker-core';
import type { RedisExecutionStore } from './redisExecutionStore.js';
import { sweepAndReport } from './recoverExecutions.js';
import { RedisStoreError } from './redisStoreError.js';

/** Options of {@link startDeathSweeper}. */
export interface DeathSweeperOptions {
  /** How often this process tries to sweep. @default 1000 */
  readonly intervalMs?: number;
  /** Called with a sweep that failed (Redis down…); the sweeper keeps going. */
  readonly onError?: (error: unknown) => void;
}

/** A running death sweeper. */
export interface DeathSweeper {
  /** Deaths this process has reported so far. */
  readonly reported: number;
  /** Stops sweeping; resolves once a sweep in progress has finished. */
  stop(): Promise<void>;
}

/**
 * Sweeps the store for executions whose owner stopped renewing their lease, on the tracker's
 * clock, and reports each death through `tracker` (`agent_death` event, `onDeath` callbacks).
 * Every process may run one: the store's guard key lets one of them sweep per guard interval,
 * and compare-and-set marks each record once, so each death is reported exactly once.
 */
export function startDeathSweeper(
  tracker: AgentExecutionTracker,
  store: RedisExecutionStore,
  options: DeathSweeperOptions = {},
): DeathSweeper {
  const intervalMs = options.intervalMs ?? 1_000;
  if (!Number.isInteger(intervalMs) || intervalMs < 1)
    throw new RedisStoreError(
      'REDIS_BAD_ARGUMENT',
      `intervalMs must be a whole number of ms >= 1, got ${String(intervalMs)}`,
    );
  const clock = tracker.configuration.clock ?? systemClock;
  let reported = 0;
  let stopped = false;
  let timer: ClockTimer | undefined;
  let running: Promise<void> = Promise.resolve();
  const sweep = async (): Promise<void> => {
    try {
      reported += (await sweepAndReport(tracker, store, { guardMs: intervalMs })).length;
    } catch (error) {
      options.onError?.(error);
    }
  };
  const schedule = (): void => {
    if (stopped) return;
    timer = clock.setTimer(intervalMs, () => {
      running = sweep().finally(schedule);
    });
  };
  schedule();
  return {
    get reported() {
      return reported;
    },
    async stop() {
      stopped = true;
      timer?.cancel();
      await running;
    },
  };
}
