import { AgentStateTracker } from '@aet/legacy-shims/agent-state-tracker';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { createConnectionHub, notifierFor, type ConnectionHub } from '../src/notifier.js';
import { executionOverview, handleMessage } from '../src/service.js';
import { configureAgentTimeouts } from '../src/timeouts.js';

describe('handleMessage', () => {
  let hub: ConnectionHub;
  let tracker: AgentStateTracker;

  beforeEach(() => {
    configureAgentTimeouts(loadConfig({ CHAT_URGENT_TIMEOUT_MS: '120', CHAT_RETRY_BASE_DELAY_MS: '5' }));
    hub = createConnectionHub();
    tracker = new AgentStateTracker();
  });

  it('answers a triage question and streams progress to the user', async () => {
    const result = await handleMessage(
      { userId: 'u_alice', threadId: 'thread-alice-1', text: 'Where is my   order #1182?' },
      { tracker, notifier: notifierFor(hub, 'u_alice') },
    );

    expect(result.ok).toBe(true);
    expect(result.answer).toContain('Where is my order #1182?');
    const types = hub.typesFor('u_alice');
    expect(types).toContain('agent_started');
    expect(types).toContain('agent_thinking');
    expect(types.at(-1)).toBe('agent_completed');
    expect(hub.framesFor('u_alice')[0]?.runId).toBe('run_thread_alice_1_0001');
    expect(tracker.getExecutionSummary()).toMatchObject({ activeExecutions: 0, completedExecutions: 1, successRate: 100 });
    expect(executionOverview().summaries.length).toBeGreaterThanOrEqual(1);
  });

  it('reports tool use of the research agent', async () => {
    const result = await handleMessage(
      { userId: 'user-4821', threadId: 'thread-4821-a', text: 'EU battery regulation', agent: 'research' },
      { tracker, notifier: notifierFor(hub, 'user-4821') },
    );

    expect(result.ok).toBe(true);
    const tools = hub.framesFor('user-4821').filter((f) => f.type.startsWith('tool_'));
    expect(tools.map((f) => [f.type, f.payload.toolName])).toEqual([
      ['tool_executing', 'web_search'],
      ['tool_completed', 'web_search'],
    ]);
  });

  it('falls back to an apology when the agent fails', async () => {
    const result = await handleMessage(
      { userId: 'user-4821', threadId: 'thread-4821-b', text: 'Why was I charged twice?', agent: 'billing' },
      { tracker, notifier: notifierFor(hub, 'user-4821') },
    );

    expect(result.ok).toBe(false);
    expect(result.answer).toMatch(/temporarily unavailable/);
    const frames = hub.framesFor('user-4821');
    expect(frames.some((f) => f.type === 'agent_error' && String(f.payload.error).includes('no account'))).toBe(true);
    expect(frames.at(-1)).toMatchObject({ type: 'agent_completed', payload: { executionTimeMs: 0 } });
    expect(tracker.getExecutionSummary().performance.failureCount).toBe(1);
    expect(tracker.getActiveExecutions()).toEqual({});
  });

  it('gives up on a slow urgent report after the urgent timeout', async () => {
    const started = Date.now();
    const result = await handleMessage(
      { userId: 'u_alice', threadId: 'thread-alice-2', text: 'Usage report please', agent: 'report', urgent: true },
      { tracker, notifier: notifierFor(hub, 'u_alice') },
    );

    expect(result.ok).toBe(false);
    expect(result.errorType).toMatch(/Timeout/);
    expect(Date.now() - started).toBeLessThan(1_000);
    const errors = hub.framesFor('u_alice').filter((f) => f.type === 'agent_error');
    expect(errors.some((f) => /timed out/.test(String(f.payload.error)))).toBe(true);
  });

  it('retries a flaky profile service before running the agent', async () => {
    let calls = 0;
    const loadContext = (userId: string) =>
      ++calls < 3
        ? Promise.reject(new Error('profile service: ECONNRESET'))
        : Promise.resolve({ displayName: userId, plan: 'free' as const, locale: 'de-DE' });

    const result = await handleMessage(
      { userId: 'u_bob', threadId: 'thread-bob-1', text: 'Hallo!' },
      { tracker, loadContext },
    );

    expect(result.ok).toBe(true);
    expect(calls).toBe(3);
  });

  it('shows the run as active, with its phase, while the agent works', async () => {
    const seen: unknown[] = [];
    const llm = () => {
      seen.push(...Object.values(tracker.getActiveExecutions()).map((s) => [s.userId, s.currentPhase]));
      return Promise.resolve('Sure.');
    };

    const result = await handleMessage({ userId: 'u_dana', threadId: 'thread-dana-1', text: 'hi' }, { tracker, llm });

    expect(result).toMatchObject({ ok: true, answer: 'Sure.' });
    expect(seen).toEqual([['u_dana', 'llm_interaction']]);
    expect(tracker.getExecutionState(result.executionId)).toBeUndefined();
  });
});
