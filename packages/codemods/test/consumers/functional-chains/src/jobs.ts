// Background jobs (transcript exports, attachment scans). These are NOT agent executions:
// they have their own ids and live only in this process.
import { randomUUID } from 'node:crypto';

export interface Job {
  readonly id: string;
  readonly kind: string;
  readonly ownerId: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  lastSeenAt: number;
  result?: unknown;
  error?: string;
}

export function createJobBoard(now: () => number = Date.now) {
  const jobs = new Map<string, Job>();
  const update = (id: string, changes: Partial<Job>): void => {
    const job = jobs.get(id);
    if (job === undefined) throw new Error(`no such job: ${id}`);
    Object.assign(job, changes, { lastSeenAt: now() });
  };
  return {
    enqueue(kind: string, ownerId: string): string {
      const id = randomUUID();
      jobs.set(id, { id, kind, ownerId, status: 'queued', lastSeenAt: now() });
      return id;
    },
    startExecution: (id: string) => update(id, { status: 'running' }),
    heartbeat: (id: string): boolean => jobs.get(id)?.status === 'running' && (update(id, {}), true),
    completeExecution: (id: string, result?: unknown) => update(id, { status: 'done', result }),
    fail: (id: string, error: string) => update(id, { status: 'failed', error }),
    get: (id: string): Job | undefined => jobs.get(id),
    list: (ownerId?: string): Job[] =>
      [...jobs.values()].filter((job) => ownerId === undefined || job.ownerId === ownerId),
  };
}

export type JobBoard = ReturnType<typeof createJobBoard>;

/** Runs `work` as a job on `board`, recording its outcome; resolves to the job id. */
export const runJob = (board: JobBoard, kind: string, ownerId: string, work: () => Promise<unknown>) => {
  const id = board.enqueue(kind, ownerId);
  board.startExecution(id);
  return work()
    .then((result) => board.completeExecution(id, result))
    .catch((error: unknown) => board.fail(id, error instanceof Error ? error.message : String(error)))
    .then(() => id);
};
