import { describe, expect } from 'vitest';
import { advanceToDeadline, TestKitError, trackerTest } from '@aet/test-kit';

describe('advanceToDeadline', () => {
  trackerTest(
    'shows a silent execution alive 1 ms before its heartbeat deadline and dead at it',
    ({ clock, tracker, scope, events }) => {
      const id = scope.createExecution({ agentName: 'triage' });
      scope.updateExecutionState(id, 'running');
      clock.advance(3_000);
      scope.heartbeat(id);
      const outcome = advanceToDeadline(clock, tracker, id, 'heartbeat');
      expect(outcome).toEqual({ at: clock.now(), before: 'running', after: 'dead' });
      expect(events.ofType('agent_death')).toHaveLength(1);
    },
  );

  trackerTest(
    'shows an execution alive at exactly its timeout and timed out 1 ms later',
    ({ clock, tracker, scope }) => {
      const createdAt = clock.now();
      const id = scope.createExecution({
        agentName: 'triage',
        heartbeatTimeoutSeconds: null,
        timeoutSeconds: 7,
      });
      expect(advanceToDeadline(clock, tracker, id, 'execution')).toEqual({
        at: createdAt + 7_001,
        before: 'pending',
        after: 'timeout',
      });
    },
  );

  trackerTest(
    'refuses unknown ids, missing heartbeat deadlines and deadlines already past',
    ({ clock, tracker, scope }) => {
      expect(() => advanceToDeadline(clock, tracker, 'exec_missing', 'heartbeat')).toThrow(
        TestKitError,
      );
      const noHeartbeat = scope.createExecution({
        agentName: 'triage',
        heartbeatTimeoutSeconds: null,
      });
      expect(() => advanceToDeadline(clock, tracker, noHeartbeat, 'heartbeat')).toThrow(
        /has no heartbeat deadline/,
      );
      const id = scope.createExecution({
        agentName: 'triage',
        heartbeatTimeoutSeconds: null,
        timeoutSeconds: 1,
      });
      clock.advance(5_000);
      expect(() => advanceToDeadline(clock, tracker, id, 'execution')).toThrow(
        /has already passed/,
      );
    },
  );
});
