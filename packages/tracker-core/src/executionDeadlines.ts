import type { Clock } from './clock.js';
import { DeadlineScheduler } from './deadlineScheduler.js';
import type { MutableExecution } from './executionRecord.js';
import { isTerminalState } from './executionState.js';

/** What the deadlines of executions report to the lifecycle that owns them. @internal */
export interface DeadlineHandlers {
  /** An alive execution has been silent past its heartbeat timeout. */
  readonly onMissedHeartbeat: (record: MutableExecution, now: number) => void;
  /** An alive execution has outlived its execution timeout. */
  readonly onTimedOut: (record: MutableExecution, now: number) => void;
  /** A terminal execution has stayed readable for the cleanup interval. */
  readonly onCleanupDue: (record: MutableExecution) => void;
}

/**
 * Every execution's next wake-up in one scheduler: for an alive execution the earlier of its
 * heartbeat and execution deadlines, for a terminal one its cleanup. When both deadlines have
 * passed, the missed heartbeat wins, as in the reference (death is checked before timeout).
 * @internal
 */
export class ExecutionDeadlines {
  private readonly scheduler: DeadlineScheduler<MutableExecution>;

  constructor(
    clock: Clock,
    private readonly handlers: DeadlineHandlers,
  ) {
    this.scheduler = new DeadlineScheduler<MutableExecution>(clock, (record, now) => {
      this.onDue(record, now);
    });
  }

  /** Number of scheduled executions. */
  get size(): number {
    return this.scheduler.size;
  }

  /** Handles every wake-up due now; returns how many came due. */
  runDue(): number {
    return this.scheduler.runDue();
  }

  /** Cancels the timer and forgets every execution. */
  dispose(): void {
    this.scheduler.dispose();
  }

  /** Schedules the earlier deadline of an alive execution (at once when it has passed). */
  scheduleNext(record: MutableExecution, now: number): void {
    const next = Math.min(heartbeatDeadlineOf(record), executionDeadlineOf(record));
    this.scheduler.schedule(record, Math.max(next, now));
  }

  /** Schedules the cleanup of a terminal execution at epoch ms `at`, replacing its deadlines. */
  scheduleCleanup(record: MutableExecution, at: number): void {
    this.scheduler.schedule(record, at);
  }

  /** Takes the execution out of the schedule. */
  cancel(record: MutableExecution): void {
    this.scheduler.cancel(record);
  }

  private onDue(record: MutableExecution, now: number): void {
    if (isTerminalState(record.state)) {
      this.handlers.onCleanupDue(record);
    } else if (now >= heartbeatDeadlineOf(record)) {
      this.handlers.onMissedHeartbeat(record, now);
    } else if (now >= executionDeadlineOf(record)) {
      this.handlers.onTimedOut(record, now);
    } else {
      // Woken early because a heartbeat moved the heartbeat deadline: look again then.
      this.scheduleNext(record, now);
    }
  }
}

// Both deadlines are strict, as in the reference system (shared/reference/legacy-system.md §1.6,
// §1.8): `is_dead()` is "seconds since last_heartbeat > heartbeat_timeout" and `is_timed_out()` is
// "(now − started_at) > timeout_seconds", started_at being the creation time. An execution is
// still alive at exactly its timeout and ends on the first millisecond past it (the clock counts
// whole epoch milliseconds).

/** Dead once silent for longer than the heartbeat timeout: at last heartbeat + timeout + 1 ms. */
export function heartbeatDeadlineOf(record: MutableExecution): number {
  return record.heartbeatTimeoutMs === null
    ? Infinity
    : record.lastHeartbeatAt + record.heartbeatTimeoutMs + 1;
}

/** Timed out once older than its timeout, counted from creation: at creation + timeout + 1 ms. */
export function executionDeadlineOf(record: MutableExecution): number {
  return record.createdAt + record.timeoutMs + 1;
}
