import { describe, expect, it, vi } from 'vitest';
import {
  AgentExecutionPhase as P,
  CRITICAL_EVENT_TYPES,
  isCriticalEventType,
  type LegacyNotifier,
} from '@aet/tracker-core';
import { runFullChat, setup, SETUP_PHASES, THREAD, USER } from './support.js';

describe('tracker events', () => {
  it('emits the five critical events of a full run in order, with seq 1..n and no gaps', () => {
    const { tracker, events } = setup();
    const id = tracker.createExecution({
      agentName: 'triage',
      userId: USER,
      threadId: THREAD,
      runId: 'run-4a4a4a',
    });
    runFullChat(tracker, id);
    const critical = events.filter((e) => e.critical).map((e) => e.type);
    expect([...new Set(critical)]).toEqual([...CRITICAL_EVENT_TYPES]);
    expect(events.map((e) => e.type)).toEqual([
      'agent_started',
      'agent_thinking',
      'agent_thinking',
      'tool_executing',
      'tool_completed',
      'agent_thinking',
      'agent_thinking',
      'agent_completed',
    ]);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const event of events) {
      expect(event).toMatchObject({
        executionId: id,
        userId: USER,
        threadId: THREAD,
        runId: 'run-4a4a4a',
        agentName: 'triage',
      });
      expect(typeof event.timestamp).toBe('number');
    }
    expect(tracker.getExecution(id)?.seq).toBe(8);
    expect(events.every((e) => e.critical === isCriticalEventType(e.type))).toBe(true);
  });

  it('carries the fields the legacy validator required', () => {
    const { tracker, events } = setup();
    runFullChat(
      tracker,
      tracker.createExecution({ agentName: 'triage', userId: USER, threadId: THREAD }),
    );
    // The first event of each type.
    const byType = Object.fromEntries([...events].reverse().map((e) => [e.type, e]));
    expect(byType.agent_started).toMatchObject({ taskDescription: 'Processing request' });
    expect(byType.agent_thinking).toMatchObject({
      reasoning: 'Looking up the order',
      stepNumber: 4,
    });
    expect(byType.tool_executing).toMatchObject({
      toolName: 'order_lookup',
      parameters: { orderId: 'A-17' },
    });
    expect(byType.tool_completed).toMatchObject({
      toolName: 'order_lookup',
      results: { status: 'shipped' },
      durationMs: 120,
      success: true,
    });
    expect(byType.agent_completed).toMatchObject({
      status: 'completed',
      finalResponse: 'Your order has shipped.',
    });
  });

  it('measures tool duration from toolStarted when none is given', () => {
    const { tracker, clock, events } = setup();
    const id = tracker.createExecution({ agentName: 'triage', userId: USER, threadId: THREAD });
    for (const phase of SETUP_PHASES) tracker.transitionState(id, phase);
    tracker.transitionState(id, P.THINKING);
    tracker.transitionState(id, P.TOOL_PREPARATION);
    tracker.toolStarted(id, 'search', { q: 'refund policy' });
    tracker.toolStarted(id, 'calculator', { expr: '2+2' }); // a second tool while in tool_execution
    clock.advance(340);
    tracker.toolCompleted(id, 'search', { result: ['doc-1'] });
    expect(events.filter((e) => e.type === 'tool_executing')).toHaveLength(2);
    expect(events.at(-1)).toMatchObject({
      type: 'tool_completed',
      toolName: 'search',
      durationMs: 340,
    });
  });

  it('keeps delivering to other sinks when one throws or rejects', async () => {
    const { tracker, events } = setup();
    tracker.subscribe(() => {
      throw new Error('sink exploded');
    });
    tracker.subscribe(() => Promise.reject(new Error('async sink failed')));
    const late: string[] = [];
    tracker.subscribe((event) => late.push(event.type));
    runFullChat(
      tracker,
      tracker.createExecution({ agentName: 'triage', userId: USER, threadId: THREAD }),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(events).toHaveLength(8);
    expect(late).toHaveLength(8);
    expect(tracker.getMetrics()).toMatchObject({ eventsEmitted: 8, sinkErrors: 16 });
  });

  it('does not wait for a slow async sink', () => {
    const { tracker } = setup();
    let settled = false;
    tracker.subscribe(() => new Promise<void>(() => undefined)); // never settles
    tracker.subscribe(() => {
      settled = true;
    });
    const id = tracker.createExecution({ agentName: 'triage', userId: USER, threadId: THREAD });
    for (const phase of SETUP_PHASES) tracker.transitionState(id, phase);
    expect(settled).toBe(true);
  });

  it('stops delivering after unsubscribe', () => {
    const { tracker } = setup();
    const listener = vi.fn();
    const unsubscribe = tracker.subscribe(listener);
    unsubscribe();
    unsubscribe();
    runFullChat(
      tracker,
      tracker.createExecution({ agentName: 'triage', userId: USER, threadId: THREAD }),
    );
    expect(listener).not.toHaveBeenCalled();
  });

  it('emits agent_error for failures and cancellations', () => {
    const { tracker, events } = setup();
    tracker.failExecution(
      tracker.createExecution({ agentName: 'a', userId: USER, threadId: THREAD }),
      'tool crashed',
    );
    tracker.cancelExecution(
      tracker.createExecution({ agentName: 'b', userId: USER, threadId: THREAD }),
      'user left',
    );
    expect(
      events.map((e) => [e.type, 'errorType' in e ? e.errorType : '', 'error' in e ? e.error : '']),
    ).toEqual([
      ['agent_error', 'failed', 'tool crashed'],
      ['agent_error', 'cancelled', 'user left'],
    ]);
  });

  it('counts a notifier failure reported through a non-native thenable', async () => {
    const { tracker } = setup();
    const rejectingThenable = {
      then(_resolve: unknown, reject: (error: Error) => void) {
        reject(new Error('socket closed'));
      },
    };
    const notifier: LegacyNotifier = { notifyAgentStarted: () => rejectingThenable };
    const id = tracker.createExecution({ agentName: 'triage', userId: USER, threadId: THREAD });
    for (const phase of SETUP_PHASES) tracker.transitionState(id, phase, { notifier });
    await new Promise((resolve) => setImmediate(resolve));
    expect(tracker.getMetrics().notifierErrors).toBe(1);
    expect(tracker.getExecutionState(id)).toBe('running');
  });

  it('calls a legacy notifier on each phase as the legacy tracker did, with the run id', async () => {
    const { tracker } = setup();
    const calls: unknown[][] = [];
    const notifier: LegacyNotifier = {
      notifyAgentStarted: (...args) => calls.push(['started', ...args]),
      notifyAgentThinking: (...args) => calls.push(['thinking', ...args]),
      notifyToolExecuting: (...args) => calls.push(['tool', ...args]),
      notifyAgentCompleted: (...args) => calls.push(['completed', ...args]),
      notifyAgentError: () => Promise.reject(new Error('socket closed')),
    };
    const id = tracker.createExecution({
      agentName: 'triage',
      userId: USER,
      threadId: THREAD,
      runId: 'run-9e9e9e',
    });
    for (const phase of SETUP_PHASES) tracker.transitionState(id, phase, { notifier });
    tracker.transitionState(id, P.THINKING, { notifier });
    tracker.transitionState(id, P.LLM_INTERACTION, { notifier });
    tracker.transitionState(id, P.TOOL_EXECUTION, { notifier, metadata: { toolName: 'search' } });
    tracker.transitionState(id, P.FAILED, { notifier });
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls.map((c) => c.slice(0, 3))).toEqual([
      ['started', 'run-9e9e9e', 'triage'],
      ['thinking', 'run-9e9e9e', 'triage'],
      ['thinking', 'run-9e9e9e', 'triage'],
      ['tool', 'run-9e9e9e', 'triage'],
    ]);
    expect(calls[1]?.[3]).toBe('Agent is thinking... (step 4)');
    expect(calls[2]?.[3]).toBe('Interacting with AI language model...');
    expect(calls[3]?.[3]).toBe('search');
    expect(tracker.getMetrics().notifierErrors).toBe(1);
  });
});
