import { describe, expect, it, vi } from 'vitest';
import { ExecutionTracker, getExecutionTracker, initExecutionTracker } from '@aet/legacy-shims';
import { setup, USER } from './support.js';

const THREAD = 'thread-5e5e5e';

describe('ExecutionTracker (shim)', () => {
  it('registers, starts, heartbeats and completes executions in the tracker', async () => {
    const { tracker } = setup();
    const legacy = new ExecutionTracker({ tracker });
    const id = await legacy.registerExecution('triage', 'corr-1', THREAD, USER);
    expect(tracker.getExecution(id)).toMatchObject({
      state: 'pending',
      timeoutSeconds: 30,
      metadata: { correlationId: 'corr-1' },
    });
    await expect(legacy.startExecution(id)).resolves.toBe(true);
    expect(tracker.getExecutionState(id)).toBe('running');
    await expect(legacy.startExecution(id)).resolves.toBe(false);
    await expect(legacy.heartbeat(id)).resolves.toBe(true);
    await legacy.completeExecution(id, { answer: 42 });
    expect(tracker.getExecution(id)).toMatchObject({ state: 'completed', result: { answer: 42 } });
    await expect(legacy.heartbeat(id)).resolves.toBe(false);
  });

  it('fails on an error and cancels on kill', async () => {
    const { tracker } = setup();
    const legacy = new ExecutionTracker({ tracker });
    const failing = await legacy.registerExecution('triage', 'corr-1', THREAD, USER);
    const killed = await legacy.registerExecution('triage', 'corr-2', THREAD, USER);
    await legacy.completeExecution(failing, undefined, 'tool crashed');
    await expect(legacy.killExecution(killed, 'operator')).resolves.toBe(true);
    await expect(legacy.killExecution(killed)).resolves.toBe(false);
    expect(tracker.getExecution(failing)).toMatchObject({ state: 'failed', error: 'tool crashed' });
    expect(tracker.getExecution(killed)).toMatchObject({ state: 'cancelled', error: 'operator' });
  });

  it('answers unknown ids as the legacy API did, creating nothing', async () => {
    const { tracker } = setup();
    const legacy = new ExecutionTracker({ tracker });
    await expect(legacy.startExecution('f47ac10b-58cc-4372-a567-0e02b2c3d479')).resolves.toBe(
      false,
    );
    await expect(legacy.heartbeat('nope')).resolves.toBe(false);
    await expect(legacy.killExecution('nope')).resolves.toBe(false);
    await expect(legacy.completeExecution('nope', 'x')).resolves.toBeUndefined();
    expect(tracker.getMetrics().totalExecutions).toBe(0);
  });

  it('detects a silent execution as dead at 10 s + 1 ms and calls recovery callbacks for its own', async () => {
    const { tracker, clock } = setup();
    const legacy = new ExecutionTracker({ tracker });
    const recovered = vi.fn();
    legacy.registerRecoveryCallback(recovered);
    const id = await legacy.registerExecution('triage', 'corr-1', THREAD, USER);
    await legacy.startExecution(id);
    tracker.createExecution({ agentName: 'other', userId: USER, threadId: THREAD }); // not registered here
    clock.advance(10_000);
    expect(tracker.getExecutionState(id)).toBe('running');
    clock.advance(1);
    expect(tracker.getExecutionState(id)).toBe('dead');
    expect(recovered).toHaveBeenCalledTimes(1);
    expect(recovered).toHaveBeenCalledWith(expect.objectContaining({ id, state: 'dead' }));
  });

  it('reports health: unhealthy while an execution is silent for over half its heartbeat timeout', async () => {
    const { tracker, clock } = setup();
    const legacy = new ExecutionTracker({ tracker });
    const id = await legacy.registerExecution('triage', 'corr-1', THREAD, USER);
    await legacy.startExecution(id);
    expect(legacy.getHealthStatus()).toMatchObject({
      healthy: true,
      activeExecutions: 1,
      stuckExecutions: 0,
    });
    clock.advance(6_000);
    expect(legacy.getHealthStatus()).toMatchObject({
      healthy: false,
      stuckExecutions: 1,
      stuckDetails: [{ executionId: id, agentName: 'triage', silentForSeconds: 6 }],
    });
    expect(legacy.collectMetrics()).toEqual(tracker.getMetrics());
  });

  it('gives one module-level instance, also through init', async () => {
    expect(await initExecutionTracker()).toBe(getExecutionTracker());
  });
});
