import { ExecutionState, TERMINAL_STATES } from './executionState.js';

export interface JobRun {
  readonly runId: string;
  readonly jobId: string;
  readonly jobName: string;
  state: ExecutionState;
  startedAt: number;
  lastHeartbeat: number;
  finishedAt?: number;
  attempts: number;
  error?: string;
}

/** Bookkeeping for job runs: which ones are running, which finished, and how. */
export class JobTracker {
  private readonly runs = new Map<string, JobRun>();

  constructor(private readonly staleAfterMs = 60_000) {}

  startExecution(jobId: string, jobName: string, runId: string): JobRun {
    const now = Date.now();
    const run: JobRun = { runId, jobId, jobName, state: ExecutionState.RUNNING, startedAt: now, lastHeartbeat: now, attempts: 1 };
    this.runs.set(runId, run);
    return run;
  }

  heartbeat(runId: string): boolean {
    const run = this.runs.get(runId);
    if (!run || TERMINAL_STATES.has(run.state)) return false;
    run.lastHeartbeat = Date.now();
    return true;
  }

  completeExecution(runId: string, error?: Error): void {
    const run = this.runs.get(runId);
    if (!run || TERMINAL_STATES.has(run.state)) return;
    run.finishedAt = Date.now();
    if (error === undefined) {
      run.state = ExecutionState.COMPLETED;
    } else {
      run.state = error.name === 'JobTimeoutError' ? ExecutionState.TIMEOUT : ExecutionState.FAILED;
      run.error = error.message;
    }
  }

  getRun(runId: string): JobRun | undefined {
    return this.runs.get(runId);
  }

  getHealthStatus(): { healthy: boolean; running: number; stale: string[]; failed: number } {
    const now = Date.now();
    const runs = [...this.runs.values()];
    const stale = runs
      .filter((r) => r.state === ExecutionState.RUNNING && now - r.lastHeartbeat > this.staleAfterMs)
      .map((r) => r.runId);
    return {
      healthy: stale.length === 0,
      running: runs.filter((r) => r.state === ExecutionState.RUNNING).length,
      stale,
      failed: runs.filter((r) => r.state === ExecutionState.FAILED || r.state === ExecutionState.TIMEOUT).length,
    };
  }
}

let shared: JobTracker | undefined;

export function getJobTracker(): JobTracker {
  shared ??= new JobTracker();
  return shared;
}
