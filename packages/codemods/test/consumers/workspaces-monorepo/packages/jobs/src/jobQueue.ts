import { randomUUID } from 'node:crypto';
import { ExecutionState } from './executionState.js';
import { JobTracker, getJobTracker } from './jobTracker.js';
import { withTimeout } from './withTimeout.js';

export type JobHandler<P = unknown> = (payload: P, ctx: { heartbeat: () => void; runId: string }) => Promise<unknown>;

export interface QueuedJob {
  readonly id: string;
  readonly name: string;
  readonly payload: unknown;
  readonly enqueuedAt: number;
}

export interface JobOutcome {
  jobId: string;
  runId: string;
  state: ExecutionState;
  result?: unknown;
  error?: string;
}

export interface JobQueueOptions {
  timeoutMs?: number;
  tracker?: JobTracker;
}

let runCounter = 0;

/** A small in-process FIFO for background work (exports, digests, cleanups). */
export class JobQueue {
  private readonly handlers = new Map<string, JobHandler<any>>();
  private readonly pending: QueuedJob[] = [];
  private readonly timeoutMs: number;
  private readonly tracker: JobTracker;

  constructor(options: JobQueueOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.tracker = options.tracker ?? getJobTracker();
  }

  register<P>(name: string, handler: JobHandler<P>): void {
    this.handlers.set(name, handler);
  }

  enqueue(name: string, payload: unknown): string {
    if (!this.handlers.has(name)) throw new Error(`no handler registered for job "${name}"`);
    const id = randomUUID();
    this.pending.push({ id, name, payload, enqueuedAt: Date.now() });
    return id;
  }

  get size(): number {
    return this.pending.length;
  }

  async runNext(): Promise<JobOutcome | undefined> {
    const job = this.pending.shift();
    if (!job) return undefined;
    const handler = this.handlers.get(job.name)!;
    const runId = `run_${Date.now()}_${++runCounter}`;
    this.tracker.startExecution(job.id, job.name, runId);
    try {
      const result = await withTimeout(
        handler(job.payload, { runId, heartbeat: () => void this.tracker.heartbeat(runId) }),
        this.timeoutMs,
        `job ${job.name}`,
      );
      this.tracker.completeExecution(runId);
      return { jobId: job.id, runId, state: ExecutionState.COMPLETED, result };
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      this.tracker.completeExecution(runId, error);
      return { jobId: job.id, runId, state: this.tracker.getRun(runId)!.state, error: error.message };
    }
  }

  async drain(): Promise<JobOutcome[]> {
    const outcomes: JobOutcome[] = [];
    for (let outcome = await this.runNext(); outcome; outcome = await this.runNext()) outcomes.push(outcome);
    return outcomes;
  }
}
