import type { AgentExecutionPhase } from './agentExecutionPhase.js';
import type { MutableExecution, PhaseTransition } from './executionRecord.js';
import type { TerminalExecutionState } from './executionState.js';

/**
 * Moves `record` to phase `to` at `now` and records the move in its phase history, which keeps
 * the latest `maxPhaseHistory` entries (the count of every move is kept apart).
 * @internal
 */
export function appendTransition(
  record: MutableExecution,
  to: AgentExecutionPhase,
  now: number,
  metadata: Readonly<Record<string, unknown>>,
  valid: boolean,
  cause: PhaseTransition['cause'],
  maxPhaseHistory: number,
): void {
  if (record.phaseHistory.length >= maxPhaseHistory) record.phaseHistory.shift();
  record.phaseHistory.push({
    fromPhase: record.phase,
    toPhase: to,
    timestamp: now,
    durationMs: now - record.phaseEnteredAt,
    metadata,
    valid,
    cause,
  });
  record.phaseCount++;
  record.phase = to;
  record.phaseEnteredAt = now;
  record.updatedAt = now;
}

/**
 * The metadata of the transition that closes a phase history when a terminal state ends the
 * execution, one frozen object per end state.
 * @internal
 */
export const CLOSED_BY_STATE: Readonly<
  Record<TerminalExecutionState, Readonly<Record<string, unknown>>>
> = Object.freeze({
  completed: Object.freeze({ state: 'completed' }),
  failed: Object.freeze({ state: 'failed' }),
  timeout: Object.freeze({ state: 'timeout' }),
  dead: Object.freeze({ state: 'dead' }),
  cancelled: Object.freeze({ state: 'cancelled' }),
});
