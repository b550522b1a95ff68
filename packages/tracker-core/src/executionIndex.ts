import { isAliveState } from './executionState.js';
import type { MutableExecution } from './executionRecord.js';

/**
 * The live records and their secondary indexes (by agent, thread and user), plus per-user counts
 * of alive executions for the concurrency limit.
 * @internal
 */
export class ExecutionIndex {
  readonly records = new Map<string, MutableExecution>();
  private readonly byAgent = new Map<string, Set<MutableExecution>>();
  private readonly byThread = new Map<string, Set<MutableExecution>>();
  private readonly byUser = new Map<string, Set<MutableExecution>>();
  private readonly aliveByUser = new Map<string, number>();
  private readonly aliveRecords = new Set<MutableExecution>();

  get aliveCount(): number {
    return this.aliveRecords.size;
  }

  add(record: MutableExecution): void {
    this.records.set(record.id, record);
    addTo(this.byAgent, record.agentName, record);
    addTo(this.byThread, record.threadId, record);
    addTo(this.byUser, record.userId, record);
    if (isAliveState(record.state)) {
      this.aliveRecords.add(record);
      this.aliveByUser.set(record.userId, (this.aliveByUser.get(record.userId) ?? 0) + 1);
    }
  }

  /** The record left the alive states. */
  markTerminal(record: MutableExecution): void {
    if (!this.aliveRecords.delete(record)) return;
    const remaining = (this.aliveByUser.get(record.userId) ?? 1) - 1;
    if (remaining === 0) this.aliveByUser.delete(record.userId);
    else this.aliveByUser.set(record.userId, remaining);
  }

  remove(record: MutableExecution): void {
    this.markTerminal(record);
    this.records.delete(record.id);
    removeFrom(this.byAgent, record.agentName, record);
    removeFrom(this.byThread, record.threadId, record);
    removeFrom(this.byUser, record.userId, record);
  }

  aliveCountOf(userId: string): number {
    return this.aliveByUser.get(userId) ?? 0;
  }

  alive(): Iterable<MutableExecution> {
    return this.aliveRecords;
  }

  ofAgent(agentName: string): Iterable<MutableExecution> {
    return this.byAgent.get(agentName) ?? [];
  }

  ofThread(threadId: string): Iterable<MutableExecution> {
    return this.byThread.get(threadId) ?? [];
  }

  ofUser(userId: string): Iterable<MutableExecution> {
    return this.byUser.get(userId) ?? [];
  }
}

function addTo(
  index: Map<string, Set<MutableExecution>>,
  key: string,
  record: MutableExecution,
): void {
  let set = index.get(key);
  if (set === undefined) index.set(key, (set = new Set()));
  set.add(record);
}

function removeFrom(
  index: Map<string, Set<MutableExecution>>,
  key: string,
  record: MutableExecution,
): void {
  const set = index.get(key);
  if (set === undefined) return;
  set.delete(record);
  if (set.size === 0) index.delete(key);
}
