import { describe, expect, it } from 'vitest';
import { compactMemory } from '../src/service.js';
import { cancelTracked, trackingHealth, trackingMetrics, withTracking } from '../src/tracking.js';

describe('background executions', () => {
  it('compacts a thread and leaves the tracker healthy', async () => {
    const out = await compactMemory({ userId: 'u_alice', threadId: 'thread-alice-1' }, [
      'I ordered a blue kettle.',
      'It arrived broken.',
      'Can I get a refund?',
    ]);

    expect(out.folded).toBe(3);
    expect(out.summary).toContain('blue kettle');
    expect(trackingHealth()).toMatchObject({ healthy: true, stuckExecutions: 0 });
    expect((await trackingMetrics()).successfulExecutions).toBeGreaterThanOrEqual(1);
  });

  it('rejects with the error of a failing run and counts it as failed', async () => {
    const digest = withTracking('nightly_digest', async (_ctx, day: string) => {
      throw new Error(`digest store offline for ${day}`);
    });

    await expect(digest({ userId: 'user-4821', threadId: 'thread-4821-a' }, '2024-05-02')).rejects.toThrow(
      'digest store offline for 2024-05-02',
    );
    expect((await trackingMetrics()).failedExecutions).toBeGreaterThanOrEqual(1);
  });

  it('can stop a running background execution', async () => {
    const job = withTracking('nightly_digest', async (ctx) => {
      const stopped = await cancelTracked(ctx.executionId, 'user closed the thread');
      const beatAfterStop = await ctx.beat();
      return { stopped, beatAfterStop };
    });

    await expect(job({ userId: 'u_bob', threadId: 'thread-bob-9' })).resolves.toEqual({
      stopped: true,
      beatAfterStop: false,
    });
  });
});
