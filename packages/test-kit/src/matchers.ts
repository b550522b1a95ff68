import {
  CRITICAL_EVENT_TYPES,
  isTerminalState,
  isExecutionState,
  type AgentExecutionPhase,
  type ExecutionRecord,
  type PhaseTransition,
  type UserExecutionScope,
} from '@aet/tracker-core';
import type { MatcherState } from 'vitest';

// Pure matcher functions, usable with `expect.extend` directly; `@aet/test-kit/setup` registers
// them and types them. Events may be tracker events or wire frames: anything with a `type`, and
// optionally `seq` and `executionId`/`execution_id`.

/** What a matcher returns. */
export interface AetMatcherResult {
  pass: boolean;
  message: () => string;
  actual?: unknown;
  expected?: unknown;
}

interface EventLike {
  readonly type: string;
  readonly seq?: number;
  readonly executionId?: string;
  readonly execution_id?: string;
}

function asEvents(received: unknown, matcher: string): EventLike[] {
  if (
    !Array.isArray(received) ||
    !received.every((e) => typeof (e as EventLike | null)?.type === 'string')
  ) {
    throw new TypeError(`${matcher} expects an array of events (objects with a string "type")`);
  }
  return received as EventLike[];
}

const executionOf = (event: EventLike): string | undefined =>
  event.executionId ?? event.execution_id;

/**
 * Passes when the five critical events (`agent_started`, `agent_thinking`, `tool_executing`,
 * `tool_completed`, `agent_completed`) all occur, first occurrences in that order, and every
 * execution's `seq` (when present) runs 1, 2, 3… with no gap. `executionId` narrows to one run.
 */
export function toHaveEmittedCriticalEvents(
  this: MatcherState,
  received: unknown,
  options: { executionId?: string } = {},
): AetMatcherResult {
  const all = asEvents(received, 'toHaveEmittedCriticalEvents');
  const events =
    options.executionId === undefined
      ? all
      : all.filter((e) => executionOf(e) === options.executionId);
  const types = events.map((e) => e.type);
  const firstIndexes = CRITICAL_EVENT_TYPES.map((type) => types.indexOf(type));
  const missing = CRITICAL_EVENT_TYPES.filter((_, i) => firstIndexes[i] === -1);
  const inOrder = firstIndexes.every((index, i) => i === 0 || index > (firstIndexes[i - 1] ?? -1));
  const gaps = seqGaps(events);
  const pass = missing.length === 0 && inOrder && gaps.length === 0;
  const problem =
    missing.length > 0
      ? `missing ${missing.join(', ')}`
      : !inOrder
        ? 'the critical events are out of order'
        : gaps.length > 0
          ? `seq has gaps: ${gaps.join('; ')}`
          : 'all five critical events, in order, with gapless seq';
  return {
    pass,
    message: () =>
      `${this.isNot ? 'expected not to find' : 'expected'} the five critical events in order ` +
      `(${CRITICAL_EVENT_TYPES.join(' → ')}): ${problem}\n` +
      `received: ${types.length > 0 ? types.join(' → ') : '(no events)'}`,
    actual: types,
    expected: [...CRITICAL_EVENT_TYPES],
  };
}

/** Passes when every execution's `seq` runs 1, 2, 3… in the order received. */
export function toHaveGaplessSequence(this: MatcherState, received: unknown): AetMatcherResult {
  const events = asEvents(received, 'toHaveGaplessSequence');
  const gaps = seqGaps(events);
  return {
    pass: gaps.length === 0,
    message: () =>
      gaps.length === 0
        ? 'expected a gap in seq, but every execution runs 1, 2, 3…'
        : `expected seq 1, 2, 3… per execution: ${gaps.join('; ')}`,
  };
}

function seqGaps(events: readonly EventLike[]): string[] {
  const last = new Map<string, number>();
  const gaps: string[] = [];
  for (const event of events) {
    if (event.seq === undefined) continue;
    const key = executionOf(event) ?? '(no execution)';
    const expected = (last.get(key) ?? 0) + 1;
    if (event.seq !== expected)
      gaps.push(`${key}: expected seq ${expected}, got ${event.seq} (${event.type})`);
    last.set(key, event.seq);
  }
  return gaps;
}

/**
 * Passes when the execution's phase history visits `phases` in this order (other phases may come
 * between). Takes an execution record or its phase history.
 */
export function toHaveTransitionedThrough(
  this: MatcherState,
  received: unknown,
  phases: readonly AgentExecutionPhase[],
): AetMatcherResult {
  const history = Array.isArray(received)
    ? (received as PhaseTransition[])
    : (received as ExecutionRecord | undefined)?.phaseHistory;
  if (history === undefined) {
    throw new TypeError(
      'toHaveTransitionedThrough expects an execution record or its phase history',
    );
  }
  const visited = history.map((t) => t.toPhase);
  let next = 0;
  for (const phase of visited) if (phase === phases[next]) next++;
  return {
    pass: next === phases.length,
    message: () =>
      `expected the phase history ${this.isNot ? 'not ' : ''}to pass through ${phases.join(' → ')}` +
      (next < phases.length ? ` (stopped before ${String(phases[next])})` : '') +
      `\nreceived: ${visited.length > 0 ? visited.join(' → ') : '(no transitions)'}`,
    actual: visited,
    expected: [...phases],
  };
}

/** Passes for a terminal state, or a record in one (completed, failed, timeout, dead, cancelled). */
export function toBeTerminal(this: MatcherState, received: unknown): AetMatcherResult {
  const state =
    typeof received === 'string' ? received : (received as ExecutionRecord | undefined)?.state;
  const terminal = isExecutionState(state) && isTerminalState(state);
  return {
    pass: terminal,
    message: () =>
      `expected ${state === undefined ? 'an unknown execution' : `state "${state}"`} ${this.isNot ? 'not ' : ''}to be terminal`,
  };
}

/**
 * Passes when neither user scope can read the other's executions: each one's executions are
 * unknown to the other (`getExecution` undefined, empty history, absent from `getExecutions`).
 */
export function toBeIsolatedFrom(
  this: MatcherState,
  received: UserExecutionScope,
  other: UserExecutionScope,
): AetMatcherResult {
  const leaks: string[] = [];
  for (const [reader, owner] of [
    [received, other],
    [other, received],
  ] as const) {
    const visible = new Set(reader.getExecutions().map((r) => r.id));
    for (const record of owner.getExecutions()) {
      if (reader.getExecution(record.id) !== undefined)
        leaks.push(`${reader.userId} reads ${record.id}`);
      if (reader.getStateHistory(record.id).length > 0)
        leaks.push(`${reader.userId} reads the history of ${record.id}`);
      if (visible.has(record.id)) leaks.push(`${reader.userId} lists ${record.id}`);
    }
  }
  return {
    pass: leaks.length === 0,
    message: () =>
      leaks.length === 0
        ? `expected ${received.userId} and ${other.userId} to see each other's executions, but they are isolated`
        : `expected ${received.userId} and ${other.userId} to be isolated, but:\n  ${leaks.join('\n  ')}`,
  };
}

/** Every matcher, for `expect.extend`. */
export const aetMatchers = {
  toHaveEmittedCriticalEvents,
  toHaveGaplessSequence,
  toHaveTransitionedThrough,
  toBeTerminal,
  toBeIsolatedFrom,
};
