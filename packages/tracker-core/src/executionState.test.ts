import { describe, expect, it } from 'vitest';
import {
  EXECUTION_STATES,
  ExecutionState as S,
  isAliveState,
  isExecutionState,
  isStateTransitionAllowed,
  isTerminalState,
} from './executionState.js';

describe('ExecutionState', () => {
  it('has four alive and five terminal states', () => {
    expect(EXECUTION_STATES.filter(isAliveState)).toEqual([
      'pending',
      'starting',
      'running',
      'completing',
    ]);
    expect(EXECUTION_STATES.filter(isTerminalState)).toEqual([
      'completed',
      'failed',
      'timeout',
      'dead',
      'cancelled',
    ]);
  });

  it('recognises only its own values', () => {
    expect(isExecutionState('running')).toBe(true);
    expect(isExecutionState('RUNNING')).toBe(false);
    expect(isExecutionState({ value: 'running' })).toBe(false);
  });

  it('moves alive states forward only, and never out of a terminal state', () => {
    expect(isStateTransitionAllowed(S.PENDING, S.RUNNING)).toBe(true);
    expect(isStateTransitionAllowed(S.RUNNING, S.RUNNING)).toBe(true);
    expect(isStateTransitionAllowed(S.RUNNING, S.PENDING)).toBe(false);
    expect(isStateTransitionAllowed(S.PENDING, S.CANCELLED)).toBe(true);
    for (const to of EXECUTION_STATES)
      expect(isStateTransitionAllowed(S.COMPLETED, to)).toBe(false);
  });
});
