/**
 * The lifecycle of one agent execution. Four alive states, five terminal ones; terminal states
 * absorb every later call.
 */
export const ExecutionState = {
  PENDING: 'pending',
  STARTING: 'starting',
  RUNNING: 'running',
  COMPLETING: 'completing',
  COMPLETED: 'completed',
  FAILED: 'failed',
  TIMEOUT: 'timeout',
  DEAD: 'dead',
  CANCELLED: 'cancelled',
} as const;

/** One of the {@link ExecutionState} values. */
export type ExecutionState = (typeof ExecutionState)[keyof typeof ExecutionState];

/** Every state value, in lifecycle order. */
export const EXECUTION_STATES: readonly ExecutionState[] = Object.values(ExecutionState);

/** The states an execution can be in while it still runs. */
export type AliveExecutionState = 'pending' | 'starting' | 'running' | 'completing';

/** The absorbing end states. */
export type TerminalExecutionState = Exclude<ExecutionState, AliveExecutionState>;

// Rank of each alive state: an execution only moves forward through them.
const aliveRank: Readonly<Record<AliveExecutionState, number>> = {
  pending: 0,
  starting: 1,
  running: 2,
  completing: 3,
};

const stateValues = new Set<string>(EXECUTION_STATES);

/** True for a value of {@link ExecutionState}. */
export function isExecutionState(value: unknown): value is ExecutionState {
  return typeof value === 'string' && stateValues.has(value);
}

/** True while the execution still runs: pending, starting, running or completing. */
export function isAliveState(state: ExecutionState): state is AliveExecutionState {
  return state in aliveRank;
}

/** True for completed, failed, timeout, dead and cancelled. */
export function isTerminalState(state: ExecutionState): state is TerminalExecutionState {
  return !isAliveState(state);
}

/**
 * Whether `from → to` is a legal lifecycle move: alive states only move forward (skipping is
 * allowed, going back is not), any alive state may end, and nothing leaves a terminal state.
 * Staying in the same alive state is legal (it counts as a heartbeat).
 */
export function isStateTransitionAllowed(from: ExecutionState, to: ExecutionState): boolean {
  if (!isAliveState(from)) return false;
  if (!isAliveState(to)) return true;
  return aliveRank[to] >= aliveRank[from];
}
