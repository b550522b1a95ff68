import { describe, expect, it, vi } from 'vitest';
import {
  CircuitBreakerOpenError,
  ExecutionState as S,
  ExecutionTimeoutError,
  type LegacyNotifier,
} from '@aet/tracker-core';
import { setup, USER } from './support.js';

describe('executeWithCircuitBreaker', () => {
  it('shares one breaker per key across executions: 3 failures open it, then it fails fast', async () => {
    const { tracker, clock } = setup();
    const fail = () => Promise.reject(new Error('llm 503'));
    for (let i = 0; i < 3; i++)
      await expect(tracker.executeWithCircuitBreaker('llm', fail)).rejects.toThrow('llm 503');
    const fn = vi.fn(() => Promise.resolve('never'));
    await expect(tracker.executeWithCircuitBreaker('llm', fn)).rejects.toBeInstanceOf(
      CircuitBreakerOpenError,
    );
    expect(fn).not.toHaveBeenCalled();
    await expect(
      tracker.executeWithCircuitBreaker('search-tool', () => Promise.resolve(1)),
    ).resolves.toBe(1);
    clock.advance(30_000);
    await tracker.executeWithCircuitBreaker('llm', () => Promise.resolve('probe 1'));
    expect(tracker.circuitBreakerStatus('llm')?.state).toBe('half_open');
    await tracker.executeWithCircuitBreaker('llm', () => Promise.resolve('probe 2'));
    expect(tracker.circuitBreakerStatus('llm')?.state).toBe('closed');
  });

  it('times a hung call out at llmApiTimeout, aborting its signal, and counts it as a failure', async () => {
    const { tracker, clock } = setup();
    let aborted: unknown;
    const call = tracker.executeWithCircuitBreaker(
      'llm',
      (signal) =>
        new Promise((_, reject) => {
          signal.addEventListener('abort', () => {
            aborted = signal.reason;
            reject(signal.reason as Error);
          });
        }),
    );
    const outcome = expect(call).rejects.toBeInstanceOf(ExecutionTimeoutError);
    clock.advance(14_999);
    expect(aborted).toBeUndefined();
    clock.advance(1);
    await outcome;
    expect(aborted).toBeInstanceOf(ExecutionTimeoutError);
    expect(tracker.circuitBreakerStatus('llm')).toMatchObject({
      consecutiveFailures: 1,
      state: 'closed',
    });
  });

  it('times out a call that takes no signal just the same', async () => {
    const { tracker, clock } = setup();
    const call = tracker.executeWithCircuitBreaker(
      'llm',
      () => new Promise<never>(() => undefined),
      {
        timeoutSeconds: 2,
      },
    );
    const outcome = expect(call).rejects.toBeInstanceOf(ExecutionTimeoutError);
    clock.advance(2_000);
    await outcome;
    expect(tracker.circuitBreakerStatus('llm')?.consecutiveFailures).toBe(1);
  });

  it('registers, resets, exports and restores breakers', async () => {
    const { tracker } = setup();
    expect(tracker.registerCircuitBreaker('tool:search', { failureThreshold: 1 })).toMatchObject({
      failureThreshold: 1,
    });
    await expect(
      tracker.executeWithCircuitBreaker('tool:search', () => Promise.reject(new Error('x'))),
    ).rejects.toThrow('x');
    expect(tracker.circuitBreakerStatus('tool:search')?.state).toBe('open');
    const exported = tracker.exportCircuitBreakers();
    expect(tracker.resetCircuitBreaker('tool:search')).toBe(true);
    expect(tracker.circuitBreakerStatus('tool:search')?.state).toBe('closed');
    tracker.restoreCircuitBreakers(exported);
    expect(tracker.circuitBreakerStatus('tool:search')?.state).toBe('open');
    expect(tracker.resetCircuitBreaker('unknown')).toBe(false);
    expect(tracker.circuitBreakerStatus('unknown')).toBeUndefined();
  });
});

describe('executeWithRetry', () => {
  it('retries twice, 1 s then 2 s apart, with the defaults', async () => {
    const { tracker, clock } = setup();
    const times: number[] = [];
    const start = clock.now();
    const run = tracker.executeWithRetry((attempt) => {
      times.push(clock.now() - start);
      return attempt < 3 ? Promise.reject(new Error('flaky')) : Promise.resolve('third time lucky');
    });
    await clock.advanceAsync(5_000);
    await expect(run).resolves.toBe('third time lucky');
    expect(times).toEqual([0, 1_000, 3_000]);
  });
});

describe('executeWithRetry delay overrides', () => {
  it('uses the delays given for the call instead of the tracker defaults', async () => {
    const { tracker, clock } = setup();
    const times: number[] = [];
    const start = clock.now();
    const run = tracker.executeWithRetry(
      () => {
        times.push(clock.now() - start);
        return Promise.reject(new Error('down'));
      },
      { delays: { retryBaseDelay: 0.5, retryExponentialBase: 3, retryMaxDelay: 10 } },
    );
    const outcome = expect(run).rejects.toThrow('down');
    await clock.advanceAsync(5_000);
    await outcome;
    expect(times).toEqual([0, 500, 2_000]);
  });
});

describe('trackExecutionWithTimeout', () => {
  it('completes the execution with the function result', async () => {
    const { tracker, events } = setup();
    let seenId = '';
    const value = await tracker.trackExecutionWithTimeout(
      { agentName: 'triage', userId: USER },
      ({ executionId }) => {
        seenId = executionId;
        expect(tracker.getExecutionState(executionId)).toBe(S.STARTING);
        return Promise.resolve(42);
      },
    );
    expect(value).toBe(42);
    expect(tracker.getExecution(seenId)).toMatchObject({ state: S.COMPLETED, result: 42 });
    expect(events.at(-1)?.type).toBe('agent_completed');
  });

  it('times out 1 ms past its timeout without waiting, aborts the work and tells the legacy notifier', async () => {
    const { tracker, clock } = setup();
    const notifier = { notifyAgentError: vi.fn() } satisfies LegacyNotifier;
    let signal: AbortSignal | undefined;
    let id = '';
    const run = tracker.trackExecutionWithTimeout(
      { agentName: 'triage', userId: USER, runId: 'run-7c7c7c', notifier, timeoutSeconds: 25 },
      (context) => {
        signal = context.signal;
        id = context.executionId;
        return new Promise<never>(() => undefined); // hangs
      },
    );
    const outcome = expect(run).rejects.toBeInstanceOf(ExecutionTimeoutError);
    clock.advance(25_000); // exactly the timeout: not past it yet
    expect(signal?.aborted).toBe(false);
    expect(tracker.getExecutionState(id)).toBe(S.STARTING);
    expect(notifier.notifyAgentError).not.toHaveBeenCalled();
    clock.advance(1);
    await outcome;
    expect(signal?.aborted).toBe(true);
    expect(tracker.getExecutionState(id)).toBe(S.TIMEOUT);
    expect(notifier.notifyAgentError).toHaveBeenCalledWith(
      'run-7c7c7c',
      'triage',
      'Agent execution timed out after 25.0s',
      {
        error_type: 'timeout',
        timeout_duration: 25,
        actual_duration: 25.001,
      },
    );
  });

  it('times out work that never reads its signal', async () => {
    const { tracker, clock } = setup();
    const run = tracker.trackExecutionWithTimeout(
      { agentName: 'triage', userId: USER, timeoutSeconds: 3 },
      ({ executionId }) => new Promise<string>(() => executionId.length),
    );
    const outcome = expect(run).rejects.toBeInstanceOf(ExecutionTimeoutError);
    clock.advance(3_001);
    await outcome;
    expect(tracker.getMetrics().timeoutExecutions).toBe(1);
  });

  it('fails the execution with the function error and rethrows it', async () => {
    const { tracker } = setup();
    const notifier = { notifyAgentError: vi.fn() } satisfies LegacyNotifier;
    await expect(
      tracker.trackExecutionWithTimeout({ agentName: 'triage', userId: USER, notifier }, () =>
        Promise.reject(new TypeError('bad tool output')),
      ),
    ).rejects.toThrow('bad tool output');
    expect(tracker.getMetrics().failedExecutions).toBe(1);
    expect(notifier.notifyAgentError).toHaveBeenCalledWith(
      expect.any(String),
      'triage',
      'bad tool output',
      expect.objectContaining({ error_type: 'TypeError' }),
    );
  });

  it('aborts the work when the execution is cancelled', async () => {
    const { tracker } = setup();
    let id = '';
    const run = tracker.trackExecutionWithTimeout(
      { agentName: 'triage', userId: USER },
      ({ executionId }) => {
        id = executionId;
        return new Promise<never>(() => undefined);
      },
    );
    const outcome = expect(run).rejects.toThrow(/was cancelled: user pressed stop/);
    tracker.cancelExecution(id, 'user pressed stop');
    await outcome;
  });
});

describe('createFallbackResponse', () => {
  it('builds the legacy fallback and sends it as agent_completed with time 0', async () => {
    const { tracker } = setup();
    const notifier = { notifyAgentCompleted: vi.fn() } satisfies LegacyNotifier;
    const response = await tracker.createFallbackResponse(
      'triage',
      new ExecutionTimeoutError('llm', 15_000),
      'run-3d3d3d',
      notifier,
    );
    expect(response).toMatchObject({
      success: false,
      fallback: true,
      agentName: 'triage',
      runId: 'run-3d3d3d',
      errorType: 'ExecutionTimeoutError',
      error: 'llm timed out after 15.0s',
      timestamp: '2023-11-14T22:13:20.000Z',
    });
    expect(response.message).toContain('triage');
    expect(notifier.notifyAgentCompleted).toHaveBeenCalledWith('run-3d3d3d', 'triage', response, 0);
  });
});

describe('adaptive timeouts in the tracker', () => {
  it('learns from first attempts and applies the learned timeout to new executions', () => {
    const { tracker, clock } = setup({
      adaptiveTimeouts: { enabled: true, minSeconds: 2, maxSeconds: 120 },
    });
    expect(tracker.getAdaptiveTimeout('triage')).toBe(25);
    for (let i = 0; i < 20; i++) {
      const id = tracker.createExecution({
        agentName: 'triage',
        userId: USER,
        threadId: 'thread-aa11',
      });
      clock.advance(3_000);
      tracker.completeExecution(id);
    }
    const retried = tracker.createExecution({
      agentName: 'triage',
      userId: USER,
      threadId: 'thread-aa11',
      attempt: 2,
      timeoutSeconds: 60,
    });
    clock.advance(9_000);
    tracker.heartbeat(retried);
    tracker.completeExecution(retried); // Karn: not learned from
    const learned = tracker.getAdaptiveTimeout('triage');
    expect(learned).toBeGreaterThan(3);
    expect(learned).toBeLessThan(4);
    const next = tracker.createExecution({
      agentName: 'triage',
      userId: USER,
      threadId: 'thread-aa11',
    });
    expect(tracker.getExecution(next)?.timeoutSeconds).toBeCloseTo(learned, 6);
  });
});
