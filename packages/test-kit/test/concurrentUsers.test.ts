import { describe, expect, it } from 'vitest';
import { createExecutionTracker } from '@aet/tracker-core';
import { runConcurrentUsers, TestKitError, type IsolationSubject } from '@aet/test-kit';

describe('runConcurrentUsers', () => {
  it('finds no violation on the real tracker, under scheduled interleavings', async () => {
    const report = await runConcurrentUsers({ users: 50, executionsPerUser: 4, runs: 3, seed: 42 });
    expect(report.violations).toEqual([]);
    expect(report).toMatchObject({ users: 50, executions: 600, runs: 3, seed: 42 });
    expect(report.events).toBe(600 * 8); // started, 4 thinking, tool executing and completed, completed
  });

  it('finds no violation under real concurrency', async () => {
    const report = await runConcurrentUsers({ users: 30, executionsPerUser: 3, mode: 'parallel' });
    expect(report.violations).toEqual([]);
  });

  it('catches a tracker wrapper that leaks other users’ events and records', async () => {
    // A deliberately broken wrapper: each scope hears every event and reads every execution.
    const leakyTracker = (): IsolationSubject => {
      const tracker = createExecutionTracker({ store: null });
      return {
        forUser: (context) => {
          const scope = tracker.forUser(context);
          return new Proxy(scope, {
            get(target, property, receiver) {
              if (property === 'subscribe') return (listener: never) => tracker.subscribe(listener);
              if (property === 'getExecution') return (id: string) => tracker.getExecution(id);
              return Reflect.get(target, property, receiver) as unknown;
            },
          });
        },
      };
    };
    const report = await runConcurrentUsers({
      users: 5,
      executionsPerUser: 2,
      runs: 1,
      seed: 7,
      createTracker: leakyTracker,
    });
    expect(report.violations.length).toBeGreaterThan(0);
    expect(report.violations.some((v) => /received agent_started of user/.test(v))).toBe(true);
    expect(report.violations.some((v) => / read exec_/.test(v))).toBe(true);
    expect(report.violations[0]).toMatch(/^run 0 \(seed 7\): /);
  });

  it.each([
    [{ users: 0 }, 'users must be a whole number >= 1, got 0'],
    [{ executionsPerUser: -2 }, 'executionsPerUser must be a whole number >= 1, got -2'],
    [{ runs: 1.5 }, 'runs must be a whole number >= 1, got 1.5'],
    [{ mode: 'threads' as never }, "mode must be 'scheduler' or 'parallel'"],
  ])('rejects %j at once, saying what to fix', async (options, message) => {
    await expect(runConcurrentUsers(options)).rejects.toThrow(TestKitError);
    await expect(runConcurrentUsers(options)).rejects.toThrow(message);
  });
});
