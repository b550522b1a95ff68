import fc from 'fast-check';
import {
  AgentExecutionPhase as P,
  createExecutionTracker,
  UnknownExecutionError,
  type TrackerEvent,
  type UserExecutionContext,
  type UserExecutionScope,
} from '@aet/tracker-core';
import { assertCount, TestKitError } from './testKitError.js';
import { createTestUser } from './testUsers.js';

/** The part of a tracker the harness drives: anything that hands out user scopes. */
export interface IsolationSubject {
  forUser(context: UserExecutionContext): UserExecutionScope;
}

/** What a scenario gets for one execution of one user. */
export interface ScenarioContext {
  readonly scope: UserExecutionScope;
  readonly user: UserExecutionContext;
  /** Index of this execution among the user's (0-based). */
  readonly index: number;
  /** Yields to the other users: every call is a point where the harness may switch. */
  readonly step: () => Promise<void>;
}

/** One execution's script; returns the execution id it created. */
export type Scenario = (context: ScenarioContext) => Promise<string>;

/** Options of {@link runConcurrentUsers}. */
export interface ConcurrentUsersOptions {
  /** @default 20 */
  readonly users?: number;
  /** @default 5 */
  readonly executionsPerUser?: number;
  /** @default a full chat run with one tool call */
  readonly scenario?: Scenario;
  /** A fresh tracker (or wrapper) per interleaving. @default an isolated tracker */
  readonly createTracker?: () => IsolationSubject;
  /** `scheduler`: fast-check's deterministic interleavings; `parallel`: real concurrency. @default 'scheduler' */
  readonly mode?: 'scheduler' | 'parallel';
  /** Interleavings to try (scheduler mode). @default 3 */
  readonly runs?: number;
  /** Seed of the interleavings, to replay a failure. @default random */
  readonly seed?: number;
}

/** What the harness saw. `violations` is empty when isolation held. */
export interface ConcurrentUsersReport {
  readonly users: number;
  readonly executions: number;
  readonly events: number;
  readonly runs: number;
  readonly seed: number;
  /** Every cross-user read, write or event observed, with the run it happened in. */
  readonly violations: readonly string[];
}

/** A full chat run: set-up phases, thinking, one tool call, completion. */
export const fullChatScenario: Scenario = async ({ scope, step, index }) => {
  const id = scope.createExecution({ agentName: `agent-${index % 3}` });
  await step();
  scope.startExecution(id);
  for (const phase of [P.WEBSOCKET_SETUP, P.CONTEXT_VALIDATION, P.STARTING])
    scope.transitionState(id, phase);
  await step();
  scope.transitionState(id, P.THINKING);
  scope.transitionState(id, P.TOOL_PREPARATION);
  scope.toolStarted(id, 'search', { user: scope.userId });
  await step();
  scope.toolCompleted(id, 'search', { result: scope.userId });
  scope.transitionState(id, P.RESULT_PROCESSING);
  scope.transitionState(id, P.COMPLETING);
  await step();
  scope.completeExecution(id, { result: `answer for ${scope.userId}` });
  return id;
};

/**
 * Runs `users` × `executionsPerUser` scenarios interleaved, and reports any cross-user read,
 * write or event: each scope must see, change and hear only its own user's executions, and
 * another user's id must behave as unknown. Throws {@link TestKitError} for bad options.
 * @example
 * const report = await runConcurrentUsers({ users: 100, executionsPerUser: 10 });
 * expect(report.violations).toEqual([]);
 */
export async function runConcurrentUsers(
  options: ConcurrentUsersOptions = {},
): Promise<ConcurrentUsersReport> {
  const users = options.users ?? 20;
  const perUser = options.executionsPerUser ?? 5;
  const runs = options.runs ?? 3;
  assertCount('users', users, 1);
  assertCount('executionsPerUser', perUser, 1);
  assertCount('runs', runs, 1);
  // Checked at run time too, for JavaScript callers.
  const mode: unknown = options.mode ?? 'scheduler';
  if (mode !== 'scheduler' && mode !== 'parallel') {
    throw new TestKitError(
      'TEST_KIT_BAD_OPTIONS',
      `mode must be 'scheduler' or 'parallel', got ${JSON.stringify(mode)}`,
    );
  }
  const scenario = options.scenario ?? fullChatScenario;
  if (typeof scenario !== 'function')
    throw new TestKitError('TEST_KIT_BAD_OPTIONS', 'scenario must be a function');
  const createTracker = options.createTracker ?? (() => createExecutionTracker({ store: null }));
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);

  const violations: string[] = [];
  let events = 0;
  const schedulers = mode === 'scheduler' ? fc.sample(fc.scheduler(), { seed, numRuns: runs }) : [];
  const totalRuns = mode === 'scheduler' ? runs : 1;
  for (let run = 0; run < totalRuns; run++) {
    const scheduler = schedulers[run];
    const step =
      scheduler === undefined
        ? () => new Promise<void>((resolve) => setImmediate(resolve))
        : () => scheduler.schedule(Promise.resolve()).then(() => undefined);
    const outcome = await runOnce(createTracker(), users, perUser, scenario, step, async (all) => {
      if (scheduler === undefined) await Promise.all(all);
      else await scheduler.waitFor(Promise.all(all));
    });
    events += outcome.events;
    violations.push(...outcome.violations.map((v) => `run ${run} (seed ${seed}): ${v}`));
  }
  return {
    users,
    executions: users * perUser * totalRuns,
    events,
    runs: totalRuns,
    seed,
    violations,
  };
}

interface UserState {
  readonly user: UserExecutionContext;
  readonly scope: UserExecutionScope;
  readonly received: TrackerEvent[];
  readonly own: Set<string>;
}

async function runOnce(
  subject: IsolationSubject,
  users: number,
  perUser: number,
  scenario: Scenario,
  step: () => Promise<void>,
  settle: (all: Promise<unknown>[]) => Promise<void>,
): Promise<{ events: number; violations: string[] }> {
  const violations: string[] = [];
  const states: UserState[] = Array.from({ length: users }, (_, u) => {
    const user = createTestUser(`user${u}`);
    const scope = subject.forUser(user);
    const received: TrackerEvent[] = [];
    scope.subscribe((event) => received.push(event));
    return { user, scope, received, own: new Set<string>() };
  });
  const allIds: string[] = [];
  let cursor = 0;
  const probe = (state: UserState): void => {
    // A deterministic walk over everyone's ids; the ones that are not this user's must be unknown.
    for (let tries = 0; tries < 3 && allIds.length > 0; tries++) {
      cursor = (cursor + 7919) % allIds.length;
      const id = allIds[cursor] as string;
      if (state.own.has(id)) continue;
      if (state.scope.getExecution(id) !== undefined)
        violations.push(`${state.user.userId} read ${id}`);
      if (state.scope.getStateHistory(id).length > 0)
        violations.push(`${state.user.userId} read the history of ${id}`);
      for (const [what, mutate] of [
        ['heartbeat', () => state.scope.heartbeat(id)],
        ['transition', () => state.scope.transitionState(id, P.FAILED)],
        ['cancel', () => state.scope.cancelExecution(id)],
      ] as const) {
        try {
          mutate();
          violations.push(`${state.user.userId} could ${what} ${id}`);
        } catch (error) {
          if (!(error instanceof UnknownExecutionError))
            violations.push(`${state.user.userId} ${what} ${id}: ${String(error)}`);
        }
      }
    }
  };
  const tasks = states.flatMap((state) =>
    Array.from({ length: perUser }, async (_, index) => {
      const probingStep = async (): Promise<void> => {
        await step();
        probe(state);
      };
      const id = await scenario({ scope: state.scope, user: state.user, index, step: probingStep });
      state.own.add(id);
      allIds.push(id);
    }),
  );
  await settle(tasks);

  let events = 0;
  for (const state of states) {
    events += state.received.length;
    for (const event of state.received) {
      if (event.userId !== state.user.userId || !state.own.has(event.executionId)) {
        violations.push(
          `${state.user.userId} received ${event.type} of ${event.userId}/${event.executionId}`,
        );
      }
    }
    for (const record of state.scope.getExecutions()) {
      if (!state.own.has(record.id))
        violations.push(`${state.user.userId} lists ${record.userId}/${record.id}`);
    }
  }
  return { events, violations };
}
