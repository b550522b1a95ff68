import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AgentExecutionPhase as P,
  UnknownExecutionError,
  UserConcurrencyLimitError,
  type AgentExecutionTracker,
  type TrackerEvent,
  type UserExecutionScope,
} from '@aet/tracker-core';
import { setup, SETUP_PHASES } from './support.js';

interface UserUnderTest {
  readonly userId: string;
  readonly scope: UserExecutionScope;
  readonly received: TrackerEvent[];
  readonly own: Set<string>;
}

/** Two users with their own scopes on one tracker. */
function aliceAndBob(tracker: AgentExecutionTracker): {
  alice: UserExecutionScope;
  bob: UserExecutionScope;
} {
  return {
    alice: tracker.forUser({ userId: 'user-alice-1', threadId: 'thread-a-1', runId: 'run-a-1' }),
    bob: tracker.forUser({ userId: 'user-bob-2', threadId: 'thread-b-1', runId: 'run-b-1' }),
  };
}

const USERS = 1_000;
const EXECUTIONS_PER_USER = 10;

describe('UserExecutionScope isolation', () => {
  it(`never lets ${USERS} users × ${EXECUTIONS_PER_USER} interleaved executions see, change or hear another user's`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        async (s, seed) => {
          const { tracker } = setup({
            heartbeatTimeout: 3600,
            timeoutConfig: { agentExecutionTimeout: 3600 },
          });
          const users: UserUnderTest[] = Array.from({ length: USERS }, (_, u) => {
            const userId = `user-${u.toString(36)}-${seed.toString(36)}`;
            const scope = tracker.forUser({
              userId,
              threadId: `thread-${u}-main`,
              runId: `run-${u}-main`,
            });
            const received: TrackerEvent[] = [];
            scope.subscribe((event) => received.push(event));
            return { userId, scope, received, own: new Set<string>() };
          });
          const allIds: string[] = [];
          const violations: string[] = [];
          // A deterministic pick of "someone else's id", driven by the property's seed.
          let cursor = seed;
          const foreignId = (user: UserUnderTest): string | undefined => {
            for (let tries = 0; tries < 4 && allIds.length > 0; tries++) {
              cursor = (cursor * 1103515245 + 12345) % 2 ** 31;
              const id = allIds[cursor % allIds.length] as string;
              if (!user.own.has(id)) return id;
            }
            return undefined;
          };
          const probe = (user: UserUnderTest): void => {
            const other = foreignId(user);
            if (other === undefined) return;
            if (user.scope.getExecution(other) !== undefined)
              violations.push(`${user.userId} read ${other}`);
            if (user.scope.getStateHistory(other).length > 0)
              violations.push(`${user.userId} read history of ${other}`);
            for (const mutate of [
              () => user.scope.heartbeat(other),
              () => user.scope.transitionState(other, P.FAILED),
              () => user.scope.cancelExecution(other),
              () => user.scope.cleanupState(other),
            ]) {
              try {
                mutate();
                violations.push(`${user.userId} changed ${other}`);
              } catch (error) {
                if (!(error instanceof UnknownExecutionError))
                  violations.push(`${user.userId}: ${String(error)}`);
              }
            }
          };
          const step = () => s.schedule(Promise.resolve());
          const run = async (user: UserUnderTest, n: number): Promise<void> => {
            await step();
            const id = user.scope.createExecution({ agentName: `agent-${n % 3}` });
            user.own.add(id);
            allIds.push(id);
            await step();
            probe(user);
            user.scope.startExecution(id);
            for (const phase of SETUP_PHASES) user.scope.transitionState(id, phase);
            await step();
            user.scope.transitionState(id, P.THINKING);
            user.scope.transitionState(id, P.TOOL_PREPARATION);
            user.scope.toolStarted(id, 'search', { user: user.userId });
            await step();
            probe(user);
            user.scope.toolCompleted(id, 'search', { result: user.userId });
            user.scope.transitionState(id, P.RESULT_PROCESSING);
            user.scope.transitionState(id, P.COMPLETING);
            await step();
            if (n % 4 === 0) user.scope.failExecution(id, 'scripted failure');
            else user.scope.completeExecution(id, { result: `answer for ${user.userId}` });
          };
          const tasks = users.flatMap((user) =>
            Array.from({ length: EXECUTIONS_PER_USER }, (_, n) => run(user, n)),
          );
          await s.waitIdle();
          await Promise.all(tasks);

          expect(violations).toEqual([]);
          for (const user of users) {
            const visible = user.scope.getExecutions();
            expect(visible).toHaveLength(EXECUTIONS_PER_USER);
            expect(visible.every((record) => record.userId === user.userId)).toBe(true);
            expect(
              user.received.every(
                (event) => event.userId === user.userId && user.own.has(event.executionId),
              ),
            ).toBe(true);
            // Each execution: 5 critical-path events before the end, plus its terminal event.
            expect(user.received).toHaveLength(EXECUTIONS_PER_USER * 8);
          }
          expect(tracker.getMetrics().totalExecutions).toBe(USERS * EXECUTIONS_PER_USER);
        },
      ),
      { numRuns: 2 },
    );
  });

  it('creates executions stamped with the scope user, thread and run, whatever the caller passes', () => {
    const { tracker } = setup();
    const scope = tracker.forUser({
      userId: 'user-aaaa-1',
      threadId: 'thread-aaaa-1',
      runId: 'run-aaaa-1',
    });
    const id = scope.createExecution({ agentName: 'triage', userId: 'user-bbbb-2' } as never);
    expect(tracker.getExecution(id)).toMatchObject({
      userId: 'user-aaaa-1',
      threadId: 'thread-aaaa-1',
      runId: 'run-aaaa-1',
    });
    expect(tracker.getExecution(id)?.requestId).toBe(scope.context.requestId);
  });

  it('applies the per-user concurrency limit in the scope', () => {
    const { tracker } = setup({ maxConcurrentPerUser: 1 });
    const { alice, bob } = aliceAndBob(tracker);
    const first = alice.createExecution({ agentName: 'triage' });
    expect(() => alice.createExecution({ agentName: 'triage' })).toThrow(UserConcurrencyLimitError);
    expect(bob.createExecution({ agentName: 'triage' })).toMatch(/^exec_/);
    alice.completeExecution(first);
    expect(alice.activeCount).toBe(0);
    expect(alice.createExecution({ agentName: 'triage' })).toMatch(/^exec_/);
  });

  it("cleans up only the scope user's data", () => {
    const { tracker } = setup();
    const { alice, bob } = aliceAndBob(tracker);
    alice.createExecution({ agentName: 'triage' });
    const bobs = bob.createExecution({ agentName: 'triage' });
    expect(alice.cleanupUserData()).toBe(1);
    expect(bob.getExecution(bobs)?.state).toBe('pending');
  });

  it('runs tracked work in the scope and keeps it there', async () => {
    const { tracker } = setup();
    const { alice, bob } = aliceAndBob(tracker);
    let id = '';
    await alice.trackExecutionWithTimeout({ agentName: 'triage' }, ({ executionId }) => {
      id = executionId;
      return Promise.resolve('ok');
    });
    expect(alice.getExecution(id)?.state).toBe('completed');
    expect(bob.getExecution(id)).toBeUndefined();
  });
});
