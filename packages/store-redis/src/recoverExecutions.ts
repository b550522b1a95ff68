import type { AgentExecutionTracker, ExecutionRecord, StoredExecution } from '@aet/tracker-core';
import type { RedisExecutionStore, SweepOptions } from './redisExecutionStore.js';

/** What {@link recoverExecutions} found. */
export interface RecoveryReport {
  /**
   * Executions whose owner stopped renewing their lease (it crashed, or was cut off), marked DEAD
   * by this process; with several processes recovering at once, each is in exactly one report.
   */
  readonly dead: readonly ExecutionRecord[];
  /** Executions still alive, owned by processes that renew their leases: theirs to run. */
  readonly alive: readonly StoredExecution[];
}

/**
 * What a process does when it starts (DESIGN §3.6): marks DEAD every execution in the store
 * whose lease expired, reports each of those deaths through `tracker` (its `agent_death` event to
 * the tracker's subscribers — a Redis event stream, a WebSocket bridge — and its `onDeath`
 * callbacks), and reloads the executions still alive in other processes. Every record is marked
 * by compare-and-set, so however many processes recover at once, each death is marked and
 * reported exactly once, and no record is lost or duplicated.
 */
export async function recoverExecutions(
  tracker: AgentExecutionTracker,
  store: RedisExecutionStore,
): Promise<RecoveryReport> {
  // Every recovering process sweeps (no guard): compare-and-set decides who reports each death.
  const dead = await sweepAndReport(tracker, store, { ignoreGuard: true });
  const alive = await store.listAlive();
  return { dead, alive };
}

/**
 * One death sweep as `tracker`'s process, reporting through the tracker each death it won (its
 * `agent_death` event and `onDeath` callbacks). Shared by recovery and the periodic sweeper.
 */
export async function sweepAndReport(
  tracker: AgentExecutionTracker,
  store: RedisExecutionStore,
  options: Omit<SweepOptions, 'sweeperId'>,
): Promise<ExecutionRecord[]> {
  const dead = await store.sweepExpiredLeases({ ...options, sweeperId: tracker.instanceId });
  for (const record of dead) tracker.reportRecoveredDeath(record);
  return dead;
}
