import { describe, expect, it } from 'vitest';
import {
  AGENT_EXECUTION_PHASES,
  AgentExecutionPhase as P,
  allowedPhasesAfter,
  closingPhaseForState,
  isPhaseTransitionAllowed,
  isTerminalPhase,
  terminalStateForPhase,
} from './agentExecutionPhase.js';

describe('AgentExecutionPhase', () => {
  it('has the fourteen reference values under UPPER_SNAKE keys', () => {
    expect(AGENT_EXECUTION_PHASES).toHaveLength(14);
    expect(P.TOOL_EXECUTION).toBe('tool_execution');
    expect(P.CIRCUIT_BREAKER_OPEN).toBe('circuit_breaker_open');
  });

  it('allows only created as the initial phase', () => {
    expect(isPhaseTransitionAllowed(undefined, P.CREATED)).toBe(true);
    expect(isPhaseTransitionAllowed(undefined, P.STARTING)).toBe(false);
  });

  it('follows the reference table', () => {
    expect(allowedPhasesAfter(P.CREATED)).toEqual([P.WEBSOCKET_SETUP, P.FAILED]);
    expect(allowedPhasesAfter(P.LLM_INTERACTION)).toEqual([
      P.THINKING,
      P.TOOL_EXECUTION,
      P.RESULT_PROCESSING,
      P.FAILED,
      P.TIMEOUT,
      P.CIRCUIT_BREAKER_OPEN,
    ]);
    expect(isPhaseTransitionAllowed(P.STARTING, P.COMPLETED)).toBe(false);
    expect(isPhaseTransitionAllowed(P.THINKING, P.TOOL_EXECUTION)).toBe(false);
    expect(isPhaseTransitionAllowed(P.TOOL_PREPARATION, P.TOOL_EXECUTION)).toBe(true);
    expect(isPhaseTransitionAllowed(P.COMPLETING, P.COMPLETED)).toBe(true);
  });

  it('has no way out of completed, timeout, failed and circuit_breaker_open', () => {
    const terminal = AGENT_EXECUTION_PHASES.filter(isTerminalPhase);
    expect(terminal.sort()).toEqual(
      [P.CIRCUIT_BREAKER_OPEN, P.COMPLETED, P.FAILED, P.TIMEOUT].sort(),
    );
    for (const from of terminal) {
      for (const to of AGENT_EXECUTION_PHASES)
        expect(isPhaseTransitionAllowed(from, to)).toBe(false);
    }
  });

  it('maps terminal phases to terminal states and back', () => {
    expect(terminalStateForPhase(P.COMPLETED)).toBe('completed');
    expect(terminalStateForPhase(P.CIRCUIT_BREAKER_OPEN)).toBe('failed');
    expect(terminalStateForPhase(P.THINKING)).toBeUndefined();
    expect(closingPhaseForState('dead')).toBe(P.FAILED);
    expect(closingPhaseForState('timeout')).toBe(P.TIMEOUT);
  });
});
