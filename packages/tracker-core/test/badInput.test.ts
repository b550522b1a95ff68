import { describe, expect, it, vi } from 'vitest';
import {
  AgentExecutionTracker,
  InvalidArgumentError,
  InvalidUserContextError,
  TrackerConstructionError,
  UserConcurrencyLimitError,
  type AgentExecutionPhase,
  type ExecutionState,
} from '@aet/tracker-core';
import { setup, THREAD, USER } from './support.js';

describe('bad input', () => {
  it.each([
    [
      { agentName: '', userId: USER, threadId: THREAD },
      InvalidArgumentError,
      'agentName must be a non-empty string, got ""',
    ],
    [
      { agentName: 'a', userId: 'test', threadId: THREAD },
      InvalidUserContextError,
      'userId is a placeholder value, got "test"',
    ],
    [{ agentName: 'a', userId: 'null', threadId: THREAD }, InvalidUserContextError, 'userId'],
    [{ agentName: 'a', userId: USER, threadId: 'default' }, InvalidUserContextError, 'threadId'],
    [
      { agentName: 'a', userId: USER, threadId: THREAD, timeoutSeconds: -5 },
      InvalidArgumentError,
      'timeoutSeconds must be > 0 seconds, got -5',
    ],
    [
      { agentName: 'a', userId: USER, threadId: THREAD, timeoutSeconds: Number.NaN },
      InvalidArgumentError,
      'got NaN',
    ],
    [
      { agentName: 'a', userId: USER, threadId: THREAD, attempt: 0 },
      InvalidArgumentError,
      'attempt must be a whole number >= 1, got 0',
    ],
    [
      { agentName: 'a', userId: USER, threadId: THREAD, metadata: 'x' },
      InvalidArgumentError,
      'metadata must be an object',
    ],
  ])('createExecution(%j) throws a typed error and creates nothing', (options, type, message) => {
    const { tracker } = setup();
    expect(() => tracker.createExecution(options as never)).toThrow(type);
    expect(() => tracker.createExecution(options as never)).toThrow(message);
    expect(tracker.getMetrics().totalExecutions).toBe(0);
    expect(tracker.getMetrics().liveRecords).toBe(0);
  });

  it('rejects states and phases outside the enums, naming the value', () => {
    const { tracker } = setup();
    const id = tracker.createExecution({ agentName: 'a', userId: USER, threadId: THREAD });
    expect(() => tracker.updateExecutionState(id, 'RUNNING' as ExecutionState)).toThrow(
      /state must be one of pending, starting.*got "RUNNING"/,
    );
    expect(() => tracker.updateExecutionState(id, { state: 'running' } as never)).toThrow(
      InvalidArgumentError,
    );
    expect(() => tracker.transitionState(id, 'planning' as AgentExecutionPhase)).toThrow(
      /phase must be an AgentExecutionPhase.*got "planning"/,
    );
    expect(() => tracker.validateStateTransition('created', 'nope' as AgentExecutionPhase)).toThrow(
      InvalidArgumentError,
    );
    expect(tracker.getExecution(id)).toMatchObject({ state: 'pending', phase: 'created' });
  });

  it('rejects non-function callbacks and listeners', async () => {
    const { tracker } = setup();
    expect(() => tracker.onDeath('call me' as never)).toThrow(
      'callback must be a function, got "call me"',
    );
    expect(() => tracker.onTimeout(undefined as never)).toThrow(InvalidArgumentError);
    expect(() => tracker.subscribe(null as never)).toThrow(InvalidArgumentError);
    await expect(tracker.executeWithCircuitBreaker('llm', 42 as never)).rejects.toThrow(
      'fn must be a function, got 42',
    );
    await expect(
      tracker.trackExecutionWithTimeout({ agentName: 'a', userId: USER }, null as never),
    ).rejects.toThrow(InvalidArgumentError);
    expect(() =>
      tracker.transitionState('x', 'thinking', { notifier: { notifyAgentStarted: 1 } as never }),
    ).toThrow(/notifier/);
    expect(tracker.getMetrics().totalExecutions).toBe(0);
  });

  it('rejects non-string ids and bad numbers in calls', () => {
    const { tracker } = setup();
    expect(() => tracker.heartbeat(42 as never)).toThrow('executionId must be a string, got 42');
    expect(() => tracker.findStuckExecutions(-1)).toThrow(InvalidArgumentError);
    expect(() => tracker.executeWithRetry(() => Promise.resolve(1), { maxRetries: -1 })).toThrow(
      /maxRetries/,
    );
  });

  it('enforces the per-user concurrency limit without touching other users', () => {
    const { tracker } = setup({ maxConcurrentPerUser: 2 });
    const a = tracker.createExecution({ agentName: 'a', userId: USER, threadId: THREAD });
    tracker.createExecution({ agentName: 'a', userId: USER, threadId: THREAD });
    expect(() =>
      tracker.createExecution({ agentName: 'a', userId: USER, threadId: THREAD }),
    ).toThrow(UserConcurrencyLimitError);
    expect(
      tracker.createExecution({ agentName: 'a', userId: 'user-other-77', threadId: THREAD }),
    ).toMatch(/^exec_/);
    tracker.completeExecution(a);
    expect(tracker.createExecution({ agentName: 'a', userId: USER, threadId: THREAD })).toMatch(
      /^exec_/,
    );
  });

  it('cannot be constructed directly', () => {
    const Ctor = AgentExecutionTracker as unknown as new () => unknown;
    expect(() => new Ctor()).toThrow(TrackerConstructionError);
  });
});

// Issue 19: calls that crashed with a plain TypeError, or left a rejection unhandled, on bad input.
describe('bad input that used to crash', () => {
  it('createExecutionWithState without options is an InvalidArgumentError, not a TypeError', () => {
    const { tracker } = setup();
    const call = tracker.createExecutionWithState.bind(tracker) as (options: unknown) => string;
    expect(() => call(undefined)).toThrow(InvalidArgumentError);
    expect(() => call(null)).toThrow('options must be an object, got null');
    expect(tracker.getMetrics().totalExecutions).toBe(0);
  });

  it('reportRecoveredDeath checks the record it would put in every subscriber’s agent_death event', () => {
    const { tracker, events } = setup();
    const report = (record: unknown): void => {
      (tracker.reportRecoveredDeath.bind(tracker) as (record: unknown) => void)(record);
    };
    expect(() => {
      report(null);
    }).toThrow('record must be an object, got null');
    expect(() => {
      report({ state: 'dead', id: 5 });
    }).toThrow('record.id must be a non-empty string');
    expect(() => {
      report({
        state: 'dead',
        id: 'exec_1',
        userId: {},
        threadId: THREAD,
        runId: 'run-1',
        requestId: 'req-1',
        agentName: 'triage',
        seq: 3,
        lastHeartbeatAt: 1,
      });
    }).toThrow('record.userId must be a non-empty string, got {}');
    expect(events).toEqual([]);
  });

  it('updateExecutionState refuses a non-string error before changing anything', () => {
    const { tracker, events } = setup();
    const id = tracker.createExecution({ agentName: 'triage', userId: USER, threadId: THREAD });
    const update = tracker.updateExecutionState.bind(tracker) as (
      id: string,
      state: string,
      options: unknown,
    ) => boolean;
    const before = events.length;
    const nullPrototype: unknown = Object.create(null);
    for (const error of [42, { code: 'E' }, nullPrototype])
      expect(() => update(id, 'failed', { error })).toThrow('error must be a string');
    expect(tracker.getExecution(id)).toMatchObject({ state: 'pending', error: undefined });
    expect(tracker.getMetrics()).toMatchObject({ failedExecutions: 0, activeExecutions: 1 });
    expect(events).toHaveLength(before);
  });

  it('createFallbackResponse renders an error without a string form instead of throwing', async () => {
    const { tracker } = setup();
    const response = await tracker.createFallbackResponse('triage', Object.create(null), 'run-1');
    expect(response).toMatchObject({
      error: '[object Object]',
      errorType: 'object',
      fallback: true,
    });
  });

  it('executeWithRetry checks its options before the first attempt', () => {
    const { tracker } = setup();
    const work = vi.fn(() => Promise.resolve(1));
    const retry = tracker.executeWithRetry.bind(tracker) as (
      fn: () => Promise<number>,
      options: unknown,
    ) => Promise<number>;
    expect(() => retry(work, { isRetryable: 'yes' })).toThrow(
      'isRetryable must be a function, got "yes"',
    );
    expect(() => retry(work, { signal: {} })).toThrow('signal must be an AbortSignal, got {}');
    expect(() => retry(work, 'fast')).toThrow(InvalidArgumentError);
    expect(work).not.toHaveBeenCalled();
  });

  it('an async isRetryable is refused with a TrackerError, and its rejection is never unhandled', async () => {
    const { tracker } = setup();
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => {
      unhandled.push(reason);
    };
    process.on('unhandledRejection', onUnhandled);
    try {
      const isRetryable = (async () => {
        await Promise.resolve();
        throw new Error('the predicate failed');
      }) as unknown as (error: unknown) => boolean;
      await expect(
        tracker.executeWithRetry(() => Promise.reject(new Error('the LLM refused')), {
          isRetryable,
        }),
      ).rejects.toThrow('isRetryable must return a boolean, got a promise');
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
