import { describe, expect, it } from 'vitest';
import { createExecutionTracker } from './executionTrackerSingleton.js';
import { ManualClock } from './manualClock.js';

// Work functions are the caller's: JavaScript callers (and `as never` in TypeScript) hand the
// tracker functions that return plain values, thenables, or throw before returning.
type AnyWork = never;

function tracker() {
  return createExecutionTracker({ store: null, clock: new ManualClock(1_700_000_000_000) });
}

const context = { agentName: 'triage', userId: 'user-4821', threadId: 'thread-9' };

describe('work functions of any shape', () => {
  it('trackExecutionWithTimeout takes a plain return value as the result, and ends the execution', async () => {
    const t = tracker();
    await expect(t.trackExecutionWithTimeout(context, (() => undefined) as AnyWork)).resolves.toBe(
      undefined,
    );
    await expect(t.trackExecutionWithTimeout(context, (() => 42) as AnyWork)).resolves.toBe(42);
    expect(t.getMetrics()).toMatchObject({ activeExecutions: 0, successfulExecutions: 2 });
  });

  it('trackExecutionWithTimeout takes a synchronous throw as the failure, and ends the execution', async () => {
    const t = tracker();
    const boom = new Error('bad prompt');
    await expect(
      t.trackExecutionWithTimeout(context, () => {
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(t.getMetrics()).toMatchObject({ activeExecutions: 0, failedExecutions: 1 });
  });

  it('trackExecutionWithTimeout adopts a thenable', async () => {
    const t = tracker();
    const thenable = {
      then: (resolve: (value: string) => void) => {
        resolve('from a thenable');
      },
    };
    await expect(t.trackExecutionWithTimeout(context, (() => thenable) as AnyWork)).resolves.toBe(
      'from a thenable',
    );
    expect(t.getMetrics().activeExecutions).toBe(0);
  });

  it('executeWithCircuitBreaker counts only the work’s own failures against the breaker', async () => {
    const t = tracker();
    await expect(t.executeWithCircuitBreaker('llm', (() => 42) as AnyWork)).resolves.toBe(42);
    expect(t.circuitBreakerStatus('llm')).toMatchObject({
      consecutiveFailures: 0,
      state: 'closed',
    });
    await expect(
      t.executeWithCircuitBreaker('llm', () => {
        throw new Error('rate limited');
      }),
    ).rejects.toThrow('rate limited');
    expect(t.circuitBreakerStatus('llm')).toMatchObject({ consecutiveFailures: 1 });
  });
});
