import { describe, expect, it } from 'vitest';
import { ExecutionState, JobQueue, JobTimeoutError, JobTracker, withTimeout } from '../src/index.js';

describe('JobQueue', () => {
  it('runs jobs in order and records them as completed', async () => {
    const tracker = new JobTracker();
    const queue = new JobQueue({ tracker });
    const seen: string[] = [];
    queue.register<{ to: string }>('send_digest', async ({ to }, { heartbeat }) => {
      heartbeat();
      seen.push(to);
      return { sent: true };
    });

    const first = queue.enqueue('send_digest', { to: 'alice@example.org' });
    queue.enqueue('send_digest', { to: 'bob@example.org' });
    const outcomes = await queue.drain();

    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen).toEqual(['alice@example.org', 'bob@example.org']);
    expect(outcomes.map((o) => o.state)).toEqual([ExecutionState.COMPLETED, ExecutionState.COMPLETED]);
    expect(outcomes[0]!.runId).toMatch(/^run_\d+_\d+$/);
    expect(tracker.heartbeat(outcomes[0]!.runId)).toBe(false);
    expect(tracker.getHealthStatus()).toMatchObject({ healthy: true, running: 0, failed: 0 });
  });

  it('marks a job that overruns its budget as timed out', async () => {
    const tracker = new JobTracker();
    const queue = new JobQueue({ tracker, timeoutMs: 20 });
    let release: () => void = () => {};
    queue.register('export_csv', () => new Promise<void>((resolve) => (release = resolve)));

    queue.enqueue('export_csv', { account: 'acct_311' });
    const [outcome] = await queue.drain();
    release();

    expect(outcome!.state).toBe(ExecutionState.TIMEOUT);
    expect(outcome!.error).toMatch(/timed out after 20ms/);
    expect(tracker.getHealthStatus().failed).toBe(1);
  });

  it('withTimeout passes results and errors through', async () => {
    await expect(withTimeout(Promise.resolve(42), 50)).resolves.toBe(42);
    await expect(withTimeout(Promise.reject(new Error('disk full')), 50)).rejects.toThrow('disk full');
    await expect(withTimeout(new Promise(() => {}), 10, 'cleanup')).rejects.toBeInstanceOf(JobTimeoutError);
  });
});
