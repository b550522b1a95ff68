import type { TerminalExecutionState } from './executionState.js';

/** Counters and rates of one tracker; rates are fractions 0..1 of all executions created. */
export interface TrackerMetrics {
  readonly totalExecutions: number;
  readonly activeExecutions: number;
  readonly successfulExecutions: number;
  readonly failedExecutions: number;
  readonly timeoutExecutions: number;
  readonly deadExecutions: number;
  readonly cancelledExecutions: number;
  /** successful / total (0 when nothing was created). */
  readonly successRate: number;
  /** (failed + timeout + dead) / total (0 when nothing was created). */
  readonly failureRate: number;
  readonly eventsEmitted: number;
  /** Event listeners that threw or rejected. */
  readonly sinkErrors: number;
  /** Death/timeout callbacks that threw or rejected. */
  readonly callbackErrors: number;
  /** Legacy notifier calls that threw or rejected. */
  readonly notifierErrors: number;
  /** Store writes that failed. */
  readonly storeErrors: number;
  /** Invalid transitions applied under the `warn` policy. */
  readonly transitionWarnings: number;
  /** Records held in memory (alive and not yet cleaned up). */
  readonly liveRecords: number;
  readonly completedHistorySize: number;
}

/** The counters a tracker keeps. @internal */
export class MetricsCounters {
  totalExecutions = 0;
  successfulExecutions = 0;
  failedExecutions = 0;
  timeoutExecutions = 0;
  deadExecutions = 0;
  cancelledExecutions = 0;
  callbackErrors = 0;
  notifierErrors = 0;
  transitionWarnings = 0;

  countTerminal(state: TerminalExecutionState): void {
    switch (state) {
      case 'completed':
        this.successfulExecutions++;
        return;
      case 'failed':
        this.failedExecutions++;
        return;
      case 'timeout':
        this.timeoutExecutions++;
        return;
      case 'dead':
        this.deadExecutions++;
        return;
      case 'cancelled':
        this.cancelledExecutions++;
        return;
    }
  }

  rates(): { successRate: number; failureRate: number } {
    if (this.totalExecutions === 0) return { successRate: 0, failureRate: 0 };
    return {
      successRate: this.successfulExecutions / this.totalExecutions,
      failureRate:
        (this.failedExecutions + this.timeoutExecutions + this.deadExecutions) /
        this.totalExecutions,
    };
  }
}
