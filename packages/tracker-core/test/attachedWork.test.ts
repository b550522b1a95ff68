import { describe, expect, it, vi } from 'vitest';
import {
  AgentExecutionPhase as P,
  ExecutionDeadError,
  ExecutionState as S,
  ExecutionTimeoutError,
  InvalidArgumentError,
  UnknownExecutionError,
  type LegacyNotifier,
} from '@aet/tracker-core';
import { setup, THREAD, USER } from './support.js';

/** One agent run: its execution, created by the engine before any work runs under it. */
function oneRun(config: Parameters<typeof setup>[0] = {}) {
  const context = setup(config);
  const executionId = context.tracker.createExecution({
    agentName: 'triage',
    userId: USER,
    threadId: THREAD,
    runId: 'run-7c7c7c',
    timeoutSeconds: 600,
    heartbeatTimeoutSeconds: null,
  });
  return { ...context, executionId };
}

describe('trackExecutionWithTimeout under an existing execution', () => {
  it('runs the work in the run’s execution: one execution, started, still alive for its creator to end', async () => {
    const { tracker, events, executionId } = oneRun();
    const reply = await tracker.trackExecutionWithTimeout({ executionId }, (context) => {
      expect(context.executionId).toBe(executionId);
      expect(tracker.getExecutionState(executionId)).toBe(S.STARTING);
      return Promise.resolve('Your order has shipped.');
    });
    expect(reply).toBe('Your order has shipped.');
    expect(tracker.getExecutionState(executionId)).toBe(S.STARTING);
    tracker.transitionState(executionId, P.WEBSOCKET_SETUP);
    tracker.completeExecution(executionId, { result: reply });
    expect(tracker.getMetrics()).toMatchObject({ totalExecutions: 1, successfulExecutions: 1 });
    expect(events.filter((event) => event.type === 'agent_completed')).toHaveLength(1);
  });

  it('moves the deadline to timeoutSeconds from now: alive at exactly it, timed out 1 ms later', async () => {
    const { tracker, clock, executionId } = oneRun();
    clock.advance(10_000); // the run spent 10 s in set-up phases first
    const notifier = { notifyAgentError: vi.fn() } satisfies LegacyNotifier;
    let signal: AbortSignal | undefined;
    const work = tracker.trackExecutionWithTimeout(
      { executionId, timeoutSeconds: 25, notifier },
      (context) => {
        signal = context.signal;
        return new Promise<never>(() => undefined); // hangs
      },
    );
    const outcome = expect(work).rejects.toBeInstanceOf(ExecutionTimeoutError);
    clock.advance(25_000);
    expect(tracker.getExecutionState(executionId)).toBe(S.STARTING);
    expect(signal?.aborted).toBe(false);
    clock.advance(1);
    await outcome;
    expect(signal?.aborted).toBe(true);
    expect(tracker.getExecutionState(executionId)).toBe(S.TIMEOUT);
    expect(notifier.notifyAgentError).toHaveBeenCalledWith(
      'run-7c7c7c',
      'triage',
      'Agent execution timed out after 35.0s',
      expect.objectContaining({ error_type: 'timeout' }) as unknown,
    );
  });

  it('keeps the execution’s heartbeat deadline: a silent run dies and the work learns why', async () => {
    const { tracker, clock } = setup();
    const executionId = tracker.createExecution({
      agentName: 'triage',
      userId: USER,
      threadId: THREAD,
      timeoutSeconds: 600,
      heartbeatTimeoutSeconds: 30,
    });
    const work = tracker.trackExecutionWithTimeout(
      { executionId },
      () => new Promise(() => undefined),
    );
    const outcome = expect(work).rejects.toBeInstanceOf(ExecutionDeadError);
    clock.advance(20_000);
    tracker.heartbeat(executionId);
    clock.advance(30_000);
    expect(tracker.getExecutionState(executionId)).toBe(S.RUNNING);
    clock.advance(1);
    await outcome;
    expect(tracker.getExecutionState(executionId)).toBe(S.DEAD);
  });

  it('gives the work’s failure to the caller and leaves the execution alive; the next work may run', async () => {
    const { tracker, executionId } = oneRun();
    const notifier = { notifyAgentError: vi.fn() } satisfies LegacyNotifier;
    const failure = new Error('the LLM refused');
    await expect(
      tracker.trackExecutionWithTimeout({ executionId, notifier }, () => Promise.reject(failure)),
    ).rejects.toBe(failure);
    expect(tracker.getExecutionState(executionId)).toBe(S.STARTING);
    expect(notifier.notifyAgentError).toHaveBeenCalledWith(
      'run-7c7c7c',
      'triage',
      'the LLM refused',
      expect.objectContaining({ error_type: 'Error' }) as unknown,
    );
    await expect(
      tracker.trackExecutionWithTimeout({ executionId }, () => Promise.resolve('retried')),
    ).resolves.toBe('retried');
    expect(tracker.getMetrics()).toMatchObject({ totalExecutions: 1, failedExecutions: 0 });
  });

  it('refuses an unknown id, an ended execution and a second piece of work at once, changing nothing', async () => {
    const { tracker, executionId } = oneRun();
    await expect(
      tracker.trackExecutionWithTimeout({ executionId: 'exec_unknown' }, () => Promise.resolve(1)),
    ).rejects.toBeInstanceOf(UnknownExecutionError);
    const first = tracker.trackExecutionWithTimeout(
      { executionId },
      () => new Promise(() => undefined),
    );
    await expect(
      tracker.trackExecutionWithTimeout({ executionId }, () => Promise.resolve(2)),
    ).rejects.toBeInstanceOf(InvalidArgumentError);
    tracker.cancelExecution(executionId, 'user left');
    await expect(first).rejects.toThrow(/cancelled/);
    await expect(
      tracker.trackExecutionWithTimeout({ executionId }, () => Promise.resolve(3)),
    ).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(
      tracker.trackExecutionWithTimeout({ executionId, timeoutSeconds: -1 }, () =>
        Promise.resolve(4),
      ),
    ).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(tracker.getMetrics()).toMatchObject({ totalExecutions: 1, cancelledExecutions: 1 });
  });
});
