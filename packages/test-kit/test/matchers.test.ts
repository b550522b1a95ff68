import { describe, expect, it } from 'vitest';
import { AgentExecutionPhase as P } from '@aet/tracker-core';
import { trackerTest } from '@aet/test-kit';
import type { UserExecutionScope } from '@aet/tracker-core';

const CRITICAL = [
  'agent_started',
  'agent_thinking',
  'tool_executing',
  'tool_completed',
  'agent_completed',
];
const frames = (types: string[]) =>
  types.map((type, i) => ({ type, seq: i + 1, executionId: 'exec_a' }));

describe('toHaveEmittedCriticalEvents', () => {
  it('passes for the five events in order, with others between', () => {
    expect(
      frames([
        'agent_started',
        'agent_thinking',
        'agent_thinking',
        'tool_executing',
        'tool_completed',
        'agent_completed',
      ]),
    ).toHaveEmittedCriticalEvents();
  });

  it('fails on a missing event, naming it and showing what was received', () => {
    expect(() => {
      expect(
        frames(['agent_started', 'agent_thinking', 'tool_executing', 'agent_completed']),
      ).toHaveEmittedCriticalEvents();
    }).toThrow(
      /missing tool_completed\nreceived: agent_started → agent_thinking → tool_executing → agent_completed/,
    );
  });

  it('fails on a reordered sequence', () => {
    expect(() => {
      expect(
        frames([
          'agent_started',
          'tool_executing',
          'agent_thinking',
          'tool_completed',
          'agent_completed',
        ]),
      ).toHaveEmittedCriticalEvents();
    }).toThrow(/out of order\nreceived: agent_started → tool_executing → agent_thinking/);
  });

  it('fails on a gap in seq', () => {
    const events = frames(CRITICAL).map((e, i) => (i === 3 ? { ...e, seq: 7 } : e));
    expect(() => {
      expect(events).toHaveEmittedCriticalEvents();
    }).toThrow('seq has gaps: exec_a: expected seq 4, got 7 (tool_completed)');
  });

  it('narrows to one execution, and accepts wire frames without seq', () => {
    const mixed = [...frames(CRITICAL), { type: 'agent_started', execution_id: 'exec_b' }];
    expect(mixed).toHaveEmittedCriticalEvents({ executionId: 'exec_a' });
    expect(mixed).not.toHaveEmittedCriticalEvents({ executionId: 'exec_b' });
  });

  it('refuses something that is not a list of events', () => {
    expect(() => {
      expect({ type: 'agent_started' }).toHaveEmittedCriticalEvents();
    }).toThrow(/expects an array of events/);
  });
});

describe('toHaveGaplessSequence', () => {
  it('checks seq per execution', () => {
    expect([
      { type: 'a', seq: 1, executionId: 'x' },
      { type: 'a', seq: 1, executionId: 'y' },
      { type: 'b', seq: 2, executionId: 'x' },
    ]).toHaveGaplessSequence();
    expect([{ type: 'a', seq: 2, executionId: 'x' }]).not.toHaveGaplessSequence();
  });
});

describe('tracker-backed matchers', () => {
  trackerTest('toHaveTransitionedThrough and toBeTerminal read records', ({ tracker, scope }) => {
    const id = scope.createExecution({ agentName: 'triage' });
    for (const phase of [P.WEBSOCKET_SETUP, P.CONTEXT_VALIDATION, P.STARTING, P.THINKING])
      scope.transitionState(id, phase);
    expect(tracker.getExecution(id)).toHaveTransitionedThrough([P.WEBSOCKET_SETUP, P.THINKING]);
    expect(() => {
      expect(tracker.getExecution(id)).toHaveTransitionedThrough([P.THINKING, P.STARTING]);
    }).toThrow(
      /\(stopped before starting\)\nreceived: websocket_setup → context_validation → starting → thinking/,
    );
    expect(tracker.getExecution(id)).not.toBeTerminal();
    scope.completeExecution(id);
    expect(tracker.getExecution(id)).toBeTerminal();
    expect('dead').toBeTerminal();
  });

  trackerTest('toBeIsolatedFrom passes for real scopes', ({ scope, otherScope }) => {
    scope.createExecution({ agentName: 'triage' });
    otherScope.createExecution({ agentName: 'triage' });
    expect(scope).toBeIsolatedFrom(otherScope);
  });

  trackerTest(
    'toBeIsolatedFrom catches a scope that reads everyone',
    ({ tracker, scope, otherScope }) => {
      const mine = scope.createExecution({ agentName: 'triage' });
      otherScope.createExecution({ agentName: 'triage' });
      const leaky = {
        userId: scope.userId,
        getExecutions: () => scope.getExecutions(),
        getExecution: (id: string) => tracker.getExecution(id),
        getStateHistory: (id: string) => tracker.getStateHistory(id),
      } as unknown as UserExecutionScope;
      expect(() => {
        expect(leaky).toBeIsolatedFrom(otherScope);
      }).toThrow(new RegExp(`${scope.userId} reads exec_`));
      expect(mine).toMatch(/^exec_/);
    },
  );
});
