import { snapshotOf, type ExecutionRecord, type MutableExecution } from './executionRecord.js';

/**
 * Cleaned-up executions, oldest first, at most `cap` of them (the oldest are forgotten first),
 * so that a late call on a cleaned-up id is absorbed like one on any terminal execution rather
 * than rejected as unknown. Terminal records never change again, so they are kept as they are and
 * only copied when someone reads the history.
 * @internal
 */
export class CompletedHistory {
  private readonly records: MutableExecution[] = [];
  private readonly byId = new Map<string, MutableExecution>();

  /** @param cap how many executions to remember; 0 remembers none. */
  constructor(private readonly cap: number) {}

  /** Number of executions remembered. */
  get size(): number {
    return this.records.length;
  }

  /** Remembers a cleaned-up execution, forgetting the oldest beyond the cap. */
  add(record: MutableExecution): void {
    if (this.cap === 0) return;
    this.records.push(record);
    this.byId.set(record.id, record);
    while (this.records.length > this.cap) {
      const dropped = this.records.shift() as MutableExecution;
      this.byId.delete(dropped.id);
    }
  }

  /** The remembered execution with this id, if any. */
  get(executionId: string): MutableExecution | undefined {
    return this.byId.get(executionId);
  }

  /** Snapshots of every remembered execution, oldest first. */
  snapshots(): ExecutionRecord[] {
    return this.records.map(snapshotOf);
  }
}
