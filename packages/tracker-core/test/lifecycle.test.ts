import { describe, expect, it, vi } from 'vitest';
import {
  AgentExecutionPhase as P,
  ExecutionState as S,
  InvalidTransitionError,
  UnknownExecutionError,
} from '@aet/tracker-core';
import { runFullChat, setup, SETUP_PHASES, THREAD, USER } from './support.js';

const create = (tracker: ReturnType<typeof setup>['tracker'], extra = {}) =>
  tracker.createExecution({ agentName: 'triage', userId: USER, threadId: THREAD, ...extra });

describe('AgentExecutionTracker lifecycle', () => {
  it('moves pending → starting → running → completed and fills the timestamps', () => {
    const { tracker, clock } = setup();
    const id = create(tracker);
    expect(tracker.getExecution(id)).toMatchObject({
      state: S.PENDING,
      phase: P.CREATED,
      seq: 0,
      attempt: 1,
    });
    clock.advance(100);
    expect(tracker.startExecution(id)).toBe(true);
    expect(tracker.getExecutionState(id)).toBe(S.STARTING);
    expect(tracker.startExecution(id)).toBe(false);
    clock.advance(100);
    expect(tracker.heartbeat(id)).toBe(true);
    expect(tracker.getExecution(id)).toMatchObject({ state: S.RUNNING, heartbeatCount: 1 });
    clock.advance(100);
    expect(tracker.completeExecution(id, { result: 'done', executionTimeMs: 300 })).toBe(true);
    const record = tracker.getExecution(id);
    expect(record).toMatchObject({ state: S.COMPLETED, result: 'done', phase: P.COMPLETED });
    expect(record?.completedAt).toBe(record!.createdAt + 300);
    expect(record?.startedAt).toBe(record!.createdAt + 100);
    expect(record?.metadata.executionTimeMs).toBe(300);
  });

  it('returns frozen snapshots that do not change the tracker', () => {
    const { tracker } = setup();
    const id = create(tracker, { metadata: { plan: 'pro' } });
    const snapshot = tracker.getExecution(id)!;
    expect(Object.isFrozen(snapshot)).toBe(true);
    expect(() => ((snapshot as { state: string }).state = 'completed')).toThrow(TypeError);
    expect(tracker.getExecutionState(id)).toBe(S.PENDING);
  });

  it('declares a silent execution dead at exactly heartbeat timeout + 1 ms', () => {
    const { tracker, clock, events } = setup();
    const id = create(tracker);
    tracker.startExecution(id);
    clock.advance(4_000);
    tracker.heartbeat(id);
    clock.advance(10_000);
    expect(tracker.getExecutionState(id)).toBe(S.RUNNING);
    clock.advance(1);
    expect(tracker.getExecution(id)).toMatchObject({
      state: S.DEAD,
      error: 'No heartbeat for 10.0s',
    });
    expect(events.at(-1)).toMatchObject({
      type: 'agent_death',
      silentForMs: 10_001,
      cause: 'no_heartbeat',
    });
  });

  it('counts phase transitions and state updates as signs of life', () => {
    const { tracker, clock } = setup();
    const id = create(tracker);
    tracker.startExecution(id);
    clock.advance(8_000);
    tracker.transitionState(id, P.WEBSOCKET_SETUP);
    clock.advance(8_000);
    tracker.updateExecutionState(id, S.RUNNING);
    clock.advance(8_000); // 24 s in: alive, though never sent an explicit heartbeat
    expect(tracker.getExecutionState(id)).toBe(S.RUNNING);
  });

  it('times an execution out 1 ms past its timeout, counted from creation', () => {
    const { tracker, clock, events } = setup();
    const id = create(tracker, { timeoutSeconds: 25 });
    tracker.startExecution(id);
    for (let t = 0; t < 24; t++) {
      clock.advance(1_000);
      tracker.heartbeat(id);
    }
    clock.advance(1_000); // aged exactly 25 s: the reference times out only when strictly older
    expect(tracker.getExecutionState(id)).toBe(S.RUNNING);
    expect(tracker.checkTimeout(id)).toMatchObject({
      elapsedSeconds: 25,
      isTimedOut: false,
      timeUntilTimeoutSeconds: 0,
    });
    clock.advance(1);
    expect(tracker.getExecution(id)).toMatchObject({
      state: S.TIMEOUT,
      phase: P.TIMEOUT,
      error: 'Execution exceeded 25s timeout',
    });
    expect(events.at(-1)).toMatchObject({
      type: 'agent_timeout',
      timeoutMs: 25_000,
      elapsedMs: 25_001,
    });
    expect(tracker.checkTimeout(id)).toMatchObject({
      isTimedOut: true,
      timeUntilTimeoutSeconds: 0,
    });
  });

  it('keeps a pending execution alive at exactly its heartbeat timeout and dead 1 ms later', () => {
    const { tracker, clock, events } = setup({ heartbeatTimeout: 10 });
    const id = create(tracker, { timeoutSeconds: 60 });
    clock.advance(10_000);
    expect(tracker.getExecutionState(id)).toBe(S.PENDING);
    clock.advance(1);
    expect(tracker.getExecutionState(id)).toBe(S.DEAD);
    expect(events.at(-1)).toMatchObject({ type: 'agent_death', silentForMs: 10_001 });
  });

  it('declares death, not timeout, when both deadlines pass on the same millisecond', () => {
    const { tracker, clock } = setup({ heartbeatTimeout: 10 });
    const id = create(tracker, { timeoutSeconds: 10 });
    clock.advance(10_000);
    expect(tracker.getExecutionState(id)).toBe(S.PENDING);
    clock.advance(1);
    expect(tracker.getExecution(id)).toMatchObject({
      state: S.DEAD,
      error: 'No heartbeat for 10.0s',
    });
    expect(tracker.getMetrics()).toMatchObject({ deadExecutions: 1, timeoutExecutions: 0 });
  });

  it('uses the 25 s agent timeout by default', () => {
    const { tracker } = setup();
    expect(tracker.getExecution(create(tracker))?.timeoutSeconds).toBe(25);
  });

  it('calls death and timeout callbacks, isolating one that throws', () => {
    const { tracker, clock } = setup();
    const deaths: string[] = [];
    const timeouts: string[] = [];
    tracker.onDeath(() => {
      throw new Error('pager is down');
    });
    tracker.onDeath((record) => deaths.push(record.id));
    tracker.onTimeout((record) => timeouts.push(record.id));
    const silent = create(tracker);
    const slow = create(tracker, { heartbeatTimeoutSeconds: null, timeoutSeconds: 5 });
    clock.advance(11_000);
    expect(deaths).toEqual([silent]);
    expect(timeouts).toEqual([slow]);
    expect(tracker.getMetrics()).toMatchObject({
      callbackErrors: 1,
      deadExecutions: 1,
      timeoutExecutions: 1,
    });
  });

  it('lets terminal states absorb every later call', () => {
    const { tracker, clock, events } = setup();
    const id = create(tracker);
    tracker.failExecution(id, new Error('model refused'), { model: 'x' });
    const eventCount = events.length;
    expect(tracker.startExecution(id)).toBe(false);
    expect(tracker.heartbeat(id)).toBe(false);
    expect(tracker.transitionState(id, P.WEBSOCKET_SETUP)).toBe(false);
    expect(tracker.updateExecutionState(id, S.RUNNING)).toBe(false);
    expect(tracker.completeExecution(id)).toBe(false);
    expect(tracker.failExecution(id, 'again')).toBe(false);
    expect(tracker.cancelExecution(id)).toBe(false);
    expect(tracker.toolStarted(id, 'search')).toBe(false);
    expect(tracker.setTimeout(id, 5)).toBe(false);
    clock.advance(30_000);
    expect(tracker.getExecution(id)).toMatchObject({
      state: S.FAILED,
      error: 'model refused',
      errorCount: 1,
    });
    expect(events).toHaveLength(eventCount);
  });

  it('closes the phase history when a terminal state ends the execution', () => {
    const { tracker } = setup();
    const id = create(tracker);
    tracker.transitionState(id, P.WEBSOCKET_SETUP);
    tracker.cancelExecution(id, 'user left');
    const history = tracker.getStateHistory(id);
    expect(history.map((t) => [t.fromPhase, t.toPhase, t.cause])).toEqual([
      [P.CREATED, P.WEBSOCKET_SETUP, 'phase'],
      [P.WEBSOCKET_SETUP, P.FAILED, 'state'],
    ]);
    expect(tracker.getExecution(id)).toMatchObject({ state: S.CANCELLED, error: 'user left' });
  });

  it('couples phases to states: starting runs, completing completes, terminal phases end', () => {
    const { tracker } = setup();
    const id = create(tracker);
    tracker.transitionState(id, P.WEBSOCKET_SETUP);
    tracker.transitionState(id, P.CONTEXT_VALIDATION);
    expect(tracker.getExecutionState(id)).toBe(S.PENDING);
    tracker.transitionState(id, P.STARTING);
    expect(tracker.getExecution(id)).toMatchObject({ state: S.RUNNING });
    expect(tracker.getExecution(id)?.startedAt).toBeDefined();
    tracker.transitionState(id, P.THINKING);
    tracker.transitionState(id, P.LLM_INTERACTION);
    tracker.transitionState(id, P.RESULT_PROCESSING);
    tracker.transitionState(id, P.COMPLETING);
    expect(tracker.getExecutionState(id)).toBe(S.COMPLETING);
    tracker.transitionState(id, P.COMPLETED, { metadata: { result: 'ok' } });
    expect(tracker.getExecution(id)).toMatchObject({ state: S.COMPLETED, result: 'ok' });

    const broken = create(tracker);
    for (const phase of SETUP_PHASES) tracker.transitionState(broken, phase);
    tracker.transitionState(broken, P.THINKING);
    tracker.transitionState(broken, P.LLM_INTERACTION);
    tracker.transitionState(broken, P.CIRCUIT_BREAKER_OPEN);
    expect(tracker.getExecution(broken)).toMatchObject({
      state: S.FAILED,
      error: 'circuit breaker open',
    });
  });

  it('throws InvalidTransitionError under strict and changes nothing', () => {
    const { tracker } = setup();
    const id = create(tracker);
    expect(() => tracker.transitionState(id, P.COMPLETED)).toThrow(InvalidTransitionError);
    expect(() => tracker.transitionState(id, P.COMPLETED)).toThrow(
      'transition created → completed is not allowed (allowed from created: websocket_setup, failed)',
    );
    expect(tracker.getExecution(id)).toMatchObject({
      phase: P.CREATED,
      state: S.PENDING,
      phaseCount: 0,
    });
    tracker.updateExecutionState(id, S.RUNNING);
    expect(() => tracker.updateExecutionState(id, S.PENDING)).toThrow(InvalidTransitionError);
    expect(tracker.getExecutionState(id)).toBe(S.RUNNING);
  });

  it('applies an invalid transition under warn and counts a warning', () => {
    const { tracker } = setup({ transitionPolicy: 'warn' });
    const id = create(tracker);
    expect(tracker.transitionState(id, P.THINKING)).toBe(true);
    expect(tracker.getExecution(id)).toMatchObject({
      phase: P.THINKING,
      state: S.RUNNING,
      warningCount: 1,
    });
    expect(tracker.getStateHistory(id)[0]).toMatchObject({ valid: false });
    expect(tracker.getMetrics().transitionWarnings).toBe(1);
  });

  it('lets one call override the transition policy', () => {
    const { tracker } = setup();
    const id = create(tracker);
    expect(tracker.transitionState(id, P.THINKING, { policy: 'warn' })).toBe(true);
    expect(tracker.getExecution(id)).toMatchObject({ phase: P.THINKING, warningCount: 1 });
    expect(() => tracker.transitionState(id, P.COMPLETED)).toThrow(InvalidTransitionError);
    expect(tracker.updateExecutionState(id, S.PENDING, { policy: 'warn' })).toBe(true);
    expect(tracker.getExecution(id)).toMatchObject({ state: S.PENDING, warningCount: 2 });
    expect(() =>
      tracker.transitionState(id, P.LLM_INTERACTION, { policy: 'lax' as never }),
    ).toThrow("policy must be 'strict' or 'warn', got \"lax\"");
  });

  it('reports unknown ids: undefined for reads, UnknownExecutionError for mutations', () => {
    const { tracker } = setup();
    expect(tracker.getExecution('exec_missing')).toBeUndefined();
    expect(tracker.getExecutionState('exec_missing')).toBeUndefined();
    expect(tracker.getAgentState('exec_missing')).toBeUndefined();
    expect(tracker.checkTimeout('exec_missing')).toBeUndefined();
    expect(tracker.getStateHistory('exec_missing')).toEqual([]);
    for (const mutate of [
      () => tracker.startExecution('exec_missing'),
      () => tracker.heartbeat('exec_missing'),
      () => tracker.updateExecutionState('exec_missing', S.RUNNING),
      () => tracker.transitionState('exec_missing', P.THINKING),
      () => tracker.completeExecution('exec_missing'),
      () => tracker.failExecution('exec_missing', 'x'),
      () => tracker.cleanupState('exec_missing'),
    ]) {
      expect(mutate).toThrow(UnknownExecutionError);
    }
    expect(tracker.getMetrics().totalExecutions).toBe(0);
  });

  it('cleans terminal executions up after 60 s into a completed history capped at 100', () => {
    const { tracker, clock } = setup();
    const ids = Array.from({ length: 105 }, () => {
      const id = create(tracker);
      tracker.completeExecution(id);
      return id;
    });
    clock.advance(59_999);
    expect(tracker.getExecution(ids[0]!)).toBeDefined();
    clock.advance(1);
    expect(tracker.getExecution(ids[0]!)).toBeUndefined();
    expect(tracker.getMetrics()).toMatchObject({
      liveRecords: 0,
      completedHistorySize: 100,
      successfulExecutions: 105,
    });
    expect(tracker.getCompletedExecutions()[0]?.id).toBe(ids[5]);
    expect(tracker.heartbeat(ids[104]!)).toBe(false); // recently cleaned up: absorbed, not unknown
    expect(() => tracker.heartbeat(ids[0]!)).toThrow(UnknownExecutionError);
  });

  it('keeps the deadline heap bounded when executions are cleaned up long before their deadlines', () => {
    const { tracker } = setup();
    const alive = Array.from({ length: 100 }, () => create(tracker));
    for (let i = 0; i < 20_000; i++) {
      const id = create(tracker);
      tracker.completeExecution(id);
      tracker.cleanupState(id);
    }
    expect(tracker.scheduledDeadlines).toBeLessThanOrEqual(2 * alive.length + 1024 + 2);
    expect(tracker.getMetrics().liveRecords).toBe(100);
  });

  it('cleans up on request only once terminal', () => {
    const { tracker } = setup();
    const id = create(tracker);
    expect(tracker.cleanupState(id)).toBe(false);
    tracker.completeExecution(id);
    expect(tracker.cleanupState(id)).toBe(true);
    expect(tracker.getExecution(id)).toBeUndefined();
  });

  it('computes metrics as fractions of all executions', () => {
    const { tracker } = setup();
    for (let i = 0; i < 3; i++) tracker.completeExecution(create(tracker));
    tracker.failExecution(create(tracker), 'x');
    tracker.updateExecutionState(create(tracker), S.TIMEOUT);
    expect(tracker.getMetrics()).toMatchObject({
      totalExecutions: 5,
      activeExecutions: 0,
      successfulExecutions: 3,
      failedExecutions: 1,
      timeoutExecutions: 1,
      successRate: 0.6,
      failureRate: 0.4,
    });
  });

  it('indexes executions by agent, thread and user', () => {
    const { tracker } = setup();
    const a = create(tracker);
    const b = tracker.createExecution({
      agentName: 'billing',
      userId: USER,
      threadId: 'thread-other-1',
    });
    const c = tracker.createExecution({
      agentName: 'billing',
      userId: 'user-other-77',
      threadId: THREAD,
    });
    tracker.completeExecution(c);
    expect(
      tracker
        .getExecutionsByAgent('billing')
        .map((r) => r.id)
        .sort(),
    ).toEqual([b, c].sort());
    expect(
      tracker
        .getExecutionsByThread(THREAD)
        .map((r) => r.id)
        .sort(),
    ).toEqual([a, c].sort());
    expect(
      tracker
        .getUserExecutions(USER)
        .map((r) => r.id)
        .sort(),
    ).toEqual([a, b].sort());
    expect(
      tracker
        .getActiveExecutions()
        .map((r) => r.id)
        .sort(),
    ).toEqual([a, b].sort());
  });

  it('finds executions stuck in one phase', () => {
    const { tracker, clock } = setup({
      heartbeatTimeout: 3600,
      timeoutConfig: { agentExecutionTimeout: 3600 },
    });
    const stuck = create(tracker);
    const moving = create(tracker);
    clock.advance(20_000);
    tracker.transitionState(moving, P.WEBSOCKET_SETUP);
    clock.advance(15_000);
    expect(tracker.findStuckExecutions()).toEqual([stuck]);
    expect(tracker.findStuckExecutions(10_000).sort()).toEqual([stuck, moving].sort());
  });

  it('moves the deadline with setTimeout, firing at once when already past', () => {
    const { tracker, clock } = setup({ heartbeatTimeout: 3600 });
    const id = create(tracker);
    clock.advance(10_000);
    expect(tracker.setTimeout(id, { agentExecutionTimeout: 60 })).toBe(true);
    clock.advance(40_000);
    expect(tracker.getExecutionState(id)).toBe(S.PENDING);
    expect(tracker.checkTimeout(id)).toMatchObject({
      timeoutSeconds: 60,
      elapsedSeconds: 50,
      timeUntilTimeoutSeconds: 10,
    });
    tracker.setTimeout(id, 30);
    expect(tracker.getExecutionState(id)).toBe(S.TIMEOUT);
  });

  it('exposes and updates the legacy agent-state view', () => {
    const { tracker, clock } = setup();
    const id = create(tracker);
    tracker.transitionState(id, P.WEBSOCKET_SETUP);
    clock.advance(250);
    expect(tracker.setAgentState(id, { warningCount: 2, metadata: { tier: 'gold' } })).toBe(true);
    expect(tracker.getAgentState(id)).toMatchObject({
      currentPhase: P.WEBSOCKET_SETUP,
      state: S.PENDING,
      phaseCount: 1,
      warningCount: 2,
      currentPhaseDurationMs: 250,
      totalDurationMs: 250,
      metadata: { tier: 'gold' },
    });
    expect(() => tracker.setAgentState(id, { phase: 'x' } as never)).toThrow(/not settable/);
  });

  it('runs a full chat through without warnings', () => {
    const { tracker } = setup();
    const id = create(tracker);
    runFullChat(tracker, id);
    expect(tracker.getExecution(id)).toMatchObject({ state: S.COMPLETED, warningCount: 0 });
  });

  it('keeps the phase history bounded while counting every transition', () => {
    const { tracker } = setup({ maxPhaseHistory: 4, heartbeatTimeout: 3600 });
    const id = create(tracker);
    for (const phase of SETUP_PHASES) tracker.transitionState(id, phase);
    for (let i = 0; i < 10; i++) {
      tracker.transitionState(id, P.THINKING);
      tracker.transitionState(id, P.LLM_INTERACTION);
    }
    expect(tracker.getStateHistory(id)).toHaveLength(4);
    expect(tracker.getExecution(id)?.phaseCount).toBe(23);
  });

  it('creates with full context and with a given state', () => {
    const { tracker } = setup();
    const id = tracker.createExecutionWithFullContext(
      'triage',
      { userId: USER, threadId: THREAD, runId: 'run-1f2e3d', metadata: { source: 'web' } },
      { agentExecutionTimeout: 30 },
    );
    const full = tracker.getExecutionWithFullContext(id);
    expect(full?.execution).toMatchObject({
      agentName: 'triage',
      timeoutSeconds: 30,
      state: S.PENDING,
      runId: 'run-1f2e3d',
    });
    expect(full?.execution.metadata).toEqual({ source: 'web' });
    expect(full?.timeoutStatus.timeoutSeconds).toBe(30);
    const running = tracker.createExecutionWithState({
      agentName: 'triage',
      userId: USER,
      threadId: THREAD,
      state: S.RUNNING,
    });
    expect(tracker.getExecutionState(running)).toBe(S.RUNNING);
    expect(tracker.getExecutionWithFullContext('exec_missing')).toBeUndefined();
  });

  it('cleans a user out completely, cancelling alive work', () => {
    const { tracker } = setup();
    const alive = create(tracker);
    const done = create(tracker);
    tracker.completeExecution(done);
    const other = tracker.createExecution({
      agentName: 'triage',
      userId: 'user-other-77',
      threadId: THREAD,
    });
    const spy = vi.fn();
    tracker.subscribe(spy);
    expect(tracker.cleanupUserData(USER)).toBe(2);
    expect(spy).toHaveBeenCalledWith(
      expect.objectContaining({ type: 'agent_error', errorType: 'cancelled', executionId: alive }),
    );
    expect(tracker.getUserExecutions(USER)).toEqual([]);
    expect(tracker.getExecution(other)).toBeDefined();
    expect(tracker.getMetrics().cancelledExecutions).toBe(1);
  });
});
