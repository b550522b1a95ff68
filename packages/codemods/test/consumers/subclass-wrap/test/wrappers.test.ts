import { describe, expect, it, vi } from 'vitest';
import {
  AgentExecutionPhase,
  AuditedStateTracker,
  MonitoredExecutionTracker,
  TimeoutFacade,
  type LostExecution,
} from '../src/index.js';

describe('AuditedStateTracker', () => {
  it('keeps an audit trail per customer and still reports unknown runs as false', async () => {
    const tracker = new AuditedStateTracker();
    const id = tracker.startExecution('support_triage', 'run_lq2x9_7f3a1c0e', 'u_alice', { threadId: 'thread_alice_09' });

    expect(await tracker.transitionPhase(id, AgentExecutionPhase.WEBSOCKET_SETUP)).toBe(true);
    expect(await tracker.transitionPhase(id, AgentExecutionPhase.CONTEXT_VALIDATION, { checked: true })).toBe(true);
    expect(tracker.getExecutionState(id)).toMatchObject({ userId: 'u_alice', currentPhase: 'context_validation' });
    expect(await tracker.transitionPhase('exec_that_never_existed', AgentExecutionPhase.THINKING)).toBe(false);
    tracker.completeExecution(id, false);

    expect(tracker.auditTrail({ userId: 'u_alice' }).map(({ action, from, to, success }) => ({ action, from, to, success }))).toEqual([
      { action: 'transition', from: 'created', to: 'websocket_setup', success: undefined },
      { action: 'transition', from: 'websocket_setup', to: 'context_validation', success: undefined },
      { action: 'complete', from: 'context_validation', to: undefined, success: false },
    ]);
    expect(tracker.auditTrail({ executionId: 'exec_that_never_existed' })).toMatchObject([{ accepted: false }]);
    expect(tracker.getExecutionState(id)).toBeUndefined();
    expect(tracker.getExecutionSummary().performance.failureCount).toBe(1);
  });
});

describe('MonitoredExecutionTracker', () => {
  it('tells listeners about a run that blew its deadline, not about finished ones', async () => {
    const monitor = new MonitoredExecutionTracker(0.05);
    const seen: LostExecution[] = [];
    monitor.onLost((lost) => seen.push(lost));

    const hung = await monitor.registerExecution('billing_assistant', 'user-482:a1b2c3d4', 'thread_4821_07', 'user-4821');
    const done = await monitor.registerExecution('support_triage', 'u_alice:9f8e7d6c', 'thread_alice_01', 'u_alice');
    expect(await monitor.startExecution(hung)).toBe(true);
    await monitor.startExecution(done);
    await monitor.completeExecution(done, { reply: 'ok' });

    await vi.waitFor(() => expect(seen).toHaveLength(1), { timeout: 2_000, interval: 20 });
    expect(seen[0]).toMatchObject({ executionId: hung, userId: 'user-4821', agentName: 'billing_assistant', state: 'timeout' });
    expect(monitor.getLostExecutions()).toEqual(seen);
    expect(await monitor.heartbeat(hung)).toBe(false);
  });
});

describe('TimeoutFacade', () => {
  it('applies its own limits: retries a flaky call, cuts a slow agent', async () => {
    const facade = new TimeoutFacade({ agentTimeoutSeconds: 0.1, modelTimeoutSeconds: 2, retries: 1, retryDelaySeconds: 0.01, provider: 'facade-spec' });
    expect(facade.stats().config).toEqual({ agentTimeout: 0.1, llmTimeout: 2, maxRetries: 1 });

    let calls = 0;
    const flaky = async () => {
      if (++calls === 1) throw new Error('ECONNRESET');
      return 'crm record';
    };
    await expect(facade.withRetry(flaky, 'crm_fetch')).resolves.toBe('crm record');
    expect(calls).toBe(2);

    let release: () => void = () => {};
    const slow = new Promise<string>((resolve) => (release = () => resolve('late')));
    await expect(facade.runAgent('support_triage', 'run_lq2y1_0c9d8e7f', () => slow)).rejects.toThrow(/timed out/);
    release();
    expect(facade.stats().activeExecutions).toBe(0);
  });
});
