import { describe, expect, it } from 'vitest';
import { ExecutionTracker } from '@aet/legacy-shims/execution-tracker';
import { FakeLlm } from '../src/agent/fakeLlm.js';
import { ScriptedAgent } from '../src/agent/scriptedAgent.js';
import {
  ExecutionEngineFactory,
  UserExecutionEngineError,
} from '../src/engine/executionEngineFactory.js';
import { UserExecutionEngine } from '../src/engine/userExecutionEngine.js';
import { AgentExecutionTimeoutManager, AgentStateTracker } from '../src/legacy/index.js';
import { isolatedTracker, recordingManager } from './support.js';

function engineFor(options: { agentTimeout?: number } = {}) {
  const tracker = isolatedTracker(options);
  const websocket = recordingManager();
  // The timeout manager takes the tracker's timeout config.
  const timeouts = new AgentExecutionTimeoutManager(undefined, { tracker });
  const llm = new FakeLlm();
  const engine = new UserExecutionEngine(
    { userId: 'user-alice-0001', threadId: 'thread-alice-01', runId: 'run-alice-0001' },
    (name) => new ScriptedAgent(name, llm),
    websocket,
    timeouts,
    new AgentStateTracker({ tracker }),
    new ExecutionTracker({ tracker }),
  );
  return { tracker, websocket, timeouts, engine };
}

describe(UserExecutionEngine, () => {
  it('runs the agent and reports all five critical events in order', async () => {
    const { engine, websocket, tracker } = engineFor();
    const outcome = await engine.executeAgent('Where is order A-17?');
    expect(outcome).toMatchObject({ status: 'completed', runId: 'run-alice-0001' });
    expect(outcome.status === 'completed' && outcome.finalResponse).toContain('shipped');
    expect(websocket.events).toHaveEmittedCriticalEvents();
    expect(websocket.events.find((e) => e.type === 'tool_executing')?.args[2]).toBe('order_lookup');
    expect(engine.activeRunCount).toBe(0);
    expect(tracker.getMetrics().activeExecutions).toBe(0);
  });

  it("keeps its own copy of a running run's phase state", async () => {
    const { engine } = engineFor({ agentTimeout: 0.2 });
    const run = engine.executeAgent('please hang');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(engine.lastStateOf('run-alice-0001')).toMatchObject({ currentPhase: 'llm_interaction' });
    await run;
    expect(engine.lastStateOf('run-alice-0001')).toBeUndefined();
  });

  it('reports a hung agent as timed out', async () => {
    const { engine, websocket } = engineFor({ agentTimeout: 0.2 });
    const outcome = await engine.executeAgent('please hang');
    expect(outcome.status).toBe('timeout');
    const error = websocket.events.find((e) => e.type === 'agent_error');
    expect(error?.args[2]).toBe('Agent execution timed out after 0.2s');
    expect(websocket.events.some((e) => e.type === 'agent_completed')).toBe(false);
  });

  it('falls back when the LLM fails, and fails fast once its breaker is open', async () => {
    const { engine, websocket, tracker } = engineFor();
    for (let i = 0; i < 3; i++) {
      expect((await engine.executeAgent('llm-fail please')).status).toBe('fallback');
    }
    expect(tracker.circuitBreakerStatus('llm')).toMatchObject({
      state: 'open',
      consecutiveFailures: 3,
    });
    const fastFail = await engine.executeAgent('Where is order A-17?');
    expect(fastFail.status).toBe('fallback');
    const fallbacks = websocket.events.filter((e) => e.type === 'agent_completed');
    expect(fallbacks).toHaveLength(4);
    expect(fallbacks.every((e) => (e.args[2] as { fallback?: boolean }).fallback === true)).toBe(
      true,
    );
  });
});

describe(ExecutionEngineFactory, () => {
  it('allows at most two concurrent requests per user', async () => {
    const factory = new ExecutionEngineFactory({
      timeoutManager: new AgentExecutionTimeoutManager(undefined, {
        tracker: isolatedTracker({ agentTimeout: 0.3 }),
      }),
    });
    const websocket = recordingManager();
    const first = factory.handleMessage('user-bob-0002', 'thread-b', 'hang', websocket);
    const second = factory.handleMessage('user-bob-0002', 'thread-b', 'hang', websocket);
    await expect(
      factory.handleMessage('user-bob-0002', 'thread-b', 'hi', websocket),
    ).rejects.toBeInstanceOf(UserExecutionEngineError);
    await expect(
      factory.handleMessage('user-carol-0003', 'thread-c', '2 + 3', websocket),
    ).resolves.toMatchObject({
      status: 'completed',
    });
    await Promise.all([first, second]);
    expect(factory.activeEngines).toBe(0);
  });
});
