import { describe, expect, it } from 'vitest';
import { AgentExecutionPhase, AgentStateTracker, getAgentStateTracker } from '@aet/legacy-shims';
import { recordingNotifier, RUN, setup, USER } from './support.js';

const P = AgentExecutionPhase;
const SETUP = [P.WEBSOCKET_SETUP, P.CONTEXT_VALIDATION, P.STARTING] as const;

describe('AgentStateTracker (shim)', () => {
  it('starts executions in the tracker, in phase created', () => {
    const { tracker } = setup();
    const legacy = new AgentStateTracker({ tracker });
    const id = legacy.startExecution('triage', RUN, USER, { source: 'web' });
    expect(tracker.getExecution(id)).toMatchObject({
      agentName: 'triage',
      runId: RUN,
      userId: USER,
      phase: 'created',
    });
    expect(legacy.getExecutionState(id)).toMatchObject({
      agentName: 'triage',
      runId: RUN,
      userId: USER,
      currentPhase: 'created',
      executionMetadata: { source: 'web' },
      warningCount: 0,
      errorCount: 0,
    });
    expect(legacy.getExecutionState(id)?.startTime).toEqual(new Date(1_700_000_000_000));
  });

  it('applies transitions the table forbids with a warning, even on a strict tracker', async () => {
    const { tracker } = setup();
    const legacy = new AgentStateTracker({ tracker });
    const id = legacy.startExecution('triage', RUN, USER);
    await expect(legacy.transitionPhase(id, P.THINKING)).resolves.toBe(true);
    expect(legacy.getExecutionState(id)).toMatchObject({
      currentPhase: 'thinking',
      warningCount: 1,
    });
    expect(tracker.getExecution(id)?.phaseHistory[0]).toMatchObject({ valid: false });
  });

  it('returns false for unknown ids and creates nothing', async () => {
    const { tracker } = setup();
    const legacy = new AgentStateTracker({ tracker });
    await expect(legacy.transitionPhase('triage_run_1700000000000', P.THINKING)).resolves.toBe(
      false,
    );
    expect(legacy.getExecutionState('nope')).toBeUndefined();
    legacy.completeExecution('nope');
    expect(tracker.getMetrics().totalExecutions).toBe(0);
  });

  it('notifies the legacy WebSocket manager with the run id', async () => {
    const { tracker } = setup();
    const legacy = new AgentStateTracker({ tracker });
    const ws = recordingNotifier();
    const id = legacy.startExecution('triage', RUN, USER);
    for (const phase of SETUP) await legacy.transitionPhase(id, phase, undefined, ws);
    await legacy.transitionPhase(id, P.THINKING, undefined, ws);
    await legacy.transitionPhase(id, P.TOOL_PREPARATION, undefined, ws);
    await legacy.transitionPhase(id, P.TOOL_EXECUTION, { toolName: 'search' }, ws);
    expect(ws.notifyAgentStarted).toHaveBeenCalledWith(
      RUN,
      'triage',
      expect.objectContaining({ phase: 'starting' }),
    );
    expect(ws.notifyAgentThinking).toHaveBeenCalledWith(
      RUN,
      'triage',
      'Agent is thinking... (step 4)',
      4,
    );
    expect(ws.notifyToolExecuting).toHaveBeenCalledWith(RUN, 'triage', 'search', {
      toolName: 'search',
    });
  });

  it('completes, fails and forgets executions, keeping them in the tracker history', async () => {
    const { tracker, clock } = setup();
    const legacy = new AgentStateTracker({ tracker });
    const ok = legacy.startExecution('triage', RUN, USER);
    const bad = legacy.startExecution('triage', 'run-2b2b2b', USER);
    for (const phase of SETUP) await legacy.transitionPhase(ok, phase);
    clock.advance(1_500);
    legacy.completeExecution(ok);
    legacy.completeExecution(bad, false);
    expect(legacy.getExecutionState(ok)).toBeUndefined();
    expect(legacy.getActiveExecutions()).toEqual({});
    const history = tracker.getCompletedExecutions();
    expect(history.map((r) => [r.id, r.state])).toEqual([
      [ok, 'completed'],
      [bad, 'failed'],
    ]);
    expect(history[0]?.phaseHistory.at(-1)).toMatchObject({ toPhase: 'completed' });
  });

  it('summarises with the success rate in percent, as the legacy API did', async () => {
    const { tracker, clock } = setup();
    const legacy = new AgentStateTracker({ tracker });
    const ids = ['run-a1a1a1', 'run-b2b2b2', 'run-c3c3c3'].map((run) =>
      legacy.startExecution('triage', run, USER),
    );
    clock.advance(1_000);
    legacy.completeExecution(ids[0]!);
    clock.advance(2_000);
    legacy.completeExecution(ids[1]!);
    legacy.completeExecution(ids[2]!, false);
    const active = legacy.startExecution('triage', 'run-d4d4d4', USER);
    await legacy.transitionPhase(active, P.WEBSOCKET_SETUP);
    const summary = legacy.getExecutionSummary();
    expect(summary).toMatchObject({
      activeExecutions: 1,
      completedExecutions: 3,
      phaseDistribution: { websocket_setup: 1 },
      performance: { successCount: 2, failureCount: 1, maxDurationMs: 3_000, minDurationMs: 1_000 },
    });
    expect(summary.successRate).toBeCloseTo(66.667, 2);
    expect(summary.performance.avgDurationMs).toBeCloseTo(7_000 / 3, 6);
  });

  it('reports the executions stuck in one phase longer than the threshold', async () => {
    const { tracker, clock } = setup();
    const legacy = new AgentStateTracker({ tracker });
    const stuck = legacy.startExecution('triage', RUN, USER);
    const moving = legacy.startExecution('triage', 'run-2b2b2b', USER);
    clock.advance(20_000);
    await legacy.transitionPhase(moving, P.WEBSOCKET_SETUP);
    clock.advance(15_000);
    expect(legacy.detectStuckExecutions()).toEqual([stuck]);
    expect(legacy.detectStuckExecutions(10_000).sort()).toEqual([stuck, moving].sort());
  });

  it('has no heartbeat deadline, as the legacy tracker had none', () => {
    const { tracker, clock } = setup();
    const legacy = new AgentStateTracker({ tracker });
    const id = legacy.startExecution('triage', RUN, USER);
    clock.advance(600_000);
    expect(tracker.getExecutionState(id)).toBe('pending');
  });

  it('gives one module-level instance', () => {
    expect(getAgentStateTracker()).toBe(getAgentStateTracker());
  });
});
