import { describe, expect, it } from 'vitest';
import { SummaryJobs } from '../src/summaryJobs.js';

/** @type {import('../src/summaryJobs.js').ChatLine[]} */
const transcript = [
  { role: 'user', text: 'My parcel ORD-1042 has not arrived' },
  { role: 'agent', text: 'It shipped with DHL on Monday.' },
  { role: 'user', text: 'The tracking page shows nothing' },
  { role: 'agent', text: 'Let me get a colleague.' },
  { role: 'user', text: 'Thanks' },
  { role: 'agent', text: 'Handing over now.' },
];

describe('SummaryJobs', () => {
  it('summarises a thread chunk by chunk and stays healthy', async () => {
    const jobs = await SummaryJobs.start({ timeoutSeconds: 30 });

    const { done } = await jobs.submit('u_bob.martin', 'thr_bob_11', transcript);
    const summary = await done;

    expect(summary.split('\n')).toEqual([
      'user: The tracking page shows nothing; agent: Let me get a colleague.',
      'user: Thanks; agent: Handing over now.',
    ]);
    const health = jobs.health();
    expect(health).toMatchObject({ healthy: true, stuckJobs: [] });
    expect(health.total).toBeGreaterThanOrEqual(1);
  });

  it('stops a job that is cancelled', async () => {
    const jobs = await SummaryJobs.start({ timeoutSeconds: 30 });

    const job = await jobs.submit('u_bob.martin', 'thr_bob_12', transcript);
    expect(await jobs.cancel(job.jobId, 'thread deleted by user')).toBe(true);

    await expect(job.done).rejects.toThrow(/was stopped/);
    expect(await jobs.cancel(job.jobId, 'again')).toBe(false);
  });

  it('reports a job that runs past its time limit as lost', async () => {
    const jobs = await SummaryJobs.start({
      timeoutSeconds: 0.05,
      summarizeChunk: (lines) =>
        new Promise((resolve) => setTimeout(() => resolve(`${lines.length} lines`), 120)),
    });

    const job = await jobs.submit('user-5590', 'thr_5590_02', transcript);

    await expect(job.done).rejects.toThrow(/was stopped/);
    expect(jobs.lost).toEqual([{ jobId: job.jobId, threadId: 'thr_5590_02', state: 'timeout' }]);
    expect(jobs.health().timedOut).toBeGreaterThanOrEqual(1);
  });
});
