import { ExecutionState, type TerminalExecutionState } from './executionState.js';

/** Fine-grained progress of an agent execution (the reference's fourteen phases). */
export const AgentExecutionPhase = {
  CREATED: 'created',
  WEBSOCKET_SETUP: 'websocket_setup',
  CONTEXT_VALIDATION: 'context_validation',
  STARTING: 'starting',
  THINKING: 'thinking',
  TOOL_PREPARATION: 'tool_preparation',
  LLM_INTERACTION: 'llm_interaction',
  TOOL_EXECUTION: 'tool_execution',
  RESULT_PROCESSING: 'result_processing',
  COMPLETING: 'completing',
  COMPLETED: 'completed',
  TIMEOUT: 'timeout',
  FAILED: 'failed',
  CIRCUIT_BREAKER_OPEN: 'circuit_breaker_open',
} as const;

/** One of the {@link AgentExecutionPhase} values. */
export type AgentExecutionPhase = (typeof AgentExecutionPhase)[keyof typeof AgentExecutionPhase];

/** Every phase value, in the order of a normal run. */
export const AGENT_EXECUTION_PHASES: readonly AgentExecutionPhase[] =
  Object.values(AgentExecutionPhase);

const P = AgentExecutionPhase;

/**
 * The reference's transition table. A phase missing from the table (completed, timeout, failed,
 * circuit_breaker_open) has no way out.
 */
const phaseTransitions: Readonly<Record<AgentExecutionPhase, readonly AgentExecutionPhase[]>> = {
  created: [P.WEBSOCKET_SETUP, P.FAILED],
  websocket_setup: [P.CONTEXT_VALIDATION, P.FAILED],
  context_validation: [P.STARTING, P.FAILED],
  starting: [P.THINKING, P.FAILED, P.TIMEOUT],
  thinking: [P.TOOL_PREPARATION, P.LLM_INTERACTION, P.FAILED, P.TIMEOUT],
  tool_preparation: [P.TOOL_EXECUTION, P.LLM_INTERACTION, P.FAILED, P.TIMEOUT],
  llm_interaction: [
    P.THINKING,
    P.TOOL_EXECUTION,
    P.RESULT_PROCESSING,
    P.FAILED,
    P.TIMEOUT,
    P.CIRCUIT_BREAKER_OPEN,
  ],
  tool_execution: [P.THINKING, P.LLM_INTERACTION, P.RESULT_PROCESSING, P.FAILED, P.TIMEOUT],
  result_processing: [P.COMPLETING, P.THINKING, P.FAILED, P.TIMEOUT],
  completing: [P.COMPLETED, P.FAILED, P.TIMEOUT],
  completed: [],
  timeout: [],
  failed: [],
  circuit_breaker_open: [],
};

const allowedSets = new Map<AgentExecutionPhase, ReadonlySet<AgentExecutionPhase>>(
  AGENT_EXECUTION_PHASES.map((phase) => [phase, new Set(phaseTransitions[phase])]),
);
const phaseValues = new Set<string>(AGENT_EXECUTION_PHASES);

/** True for a value of {@link AgentExecutionPhase}. */
export function isAgentExecutionPhase(value: unknown): value is AgentExecutionPhase {
  return typeof value === 'string' && phaseValues.has(value);
}

/**
 * Whether the table allows `from → to`. `from` undefined is the initial edge, which only allows
 * `created`.
 */
export function isPhaseTransitionAllowed(
  from: AgentExecutionPhase | undefined,
  to: AgentExecutionPhase,
): boolean {
  if (from === undefined) return to === P.CREATED;
  return allowedSets.get(from)?.has(to) ?? false;
}

/** The phases the table allows after `from` (a fresh array). */
export function allowedPhasesAfter(from: AgentExecutionPhase | undefined): AgentExecutionPhase[] {
  return from === undefined ? [P.CREATED] : [...phaseTransitions[from]];
}

/** True for the phases with no way out: completed, timeout, failed, circuit_breaker_open. */
export function isTerminalPhase(phase: AgentExecutionPhase): boolean {
  return phaseTransitions[phase].length === 0;
}

const terminalStates: Partial<Record<AgentExecutionPhase, TerminalExecutionState>> = {
  completed: ExecutionState.COMPLETED,
  timeout: ExecutionState.TIMEOUT,
  failed: ExecutionState.FAILED,
  circuit_breaker_open: ExecutionState.FAILED,
};

/** The terminal state a terminal phase ends the execution in; undefined for other phases. */
export function terminalStateForPhase(
  phase: AgentExecutionPhase,
): TerminalExecutionState | undefined {
  return terminalStates[phase];
}

/**
 * The phase that closes the history when the execution ends in `state` by a lifecycle call
 * (dead and cancelled have no phase of their own and close as `failed`).
 */
export function closingPhaseForState(state: TerminalExecutionState): AgentExecutionPhase {
  switch (state) {
    case ExecutionState.COMPLETED:
      return P.COMPLETED;
    case ExecutionState.TIMEOUT:
      return P.TIMEOUT;
    case ExecutionState.FAILED:
    case ExecutionState.DEAD:
    case ExecutionState.CANCELLED:
      return P.FAILED;
  }
}

/**
 * Phases in which the agent is at work: entering one moves the execution to `running`
 * (through `starting` when it was still pending).
 */
export function isWorkingPhase(phase: AgentExecutionPhase): boolean {
  return (
    phase === P.STARTING ||
    phase === P.THINKING ||
    phase === P.TOOL_PREPARATION ||
    phase === P.LLM_INTERACTION ||
    phase === P.TOOL_EXECUTION ||
    phase === P.RESULT_PROCESSING
  );
}
