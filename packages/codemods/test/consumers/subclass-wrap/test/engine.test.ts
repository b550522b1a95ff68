import { describe, expect, it } from 'vitest';
import { BUILTIN_AGENTS, type ModelClient, type ToolFn } from '../src/agents.js';
import { loadConfig } from '../src/config.js';
import { AgentEngine } from '../src/engine.js';
import { AgentRunError } from '../src/errors.js';
import { AgentExecutionPhase } from '../src/index.js';
import { ChatSocketNotifier } from '../src/notifier.js';
import { failingModel, MemorySocket, scriptedModel } from './helpers.js';

function makeEngine(provider: string, model: ModelClient, tools: Record<string, ToolFn> = {}) {
  const config = loadConfig({
    agentTimeoutSeconds: 0.3,
    modelTimeoutSeconds: 2,
    retryDelaySeconds: 0.01,
    toolRetries: 2,
    modelProvider: provider,
  });
  return new AgentEngine(config, model, tools, BUILTIN_AGENTS);
}

const orderLookup: ToolFn = async () => ({ status: 'shipped', eta: '2024-06-03' });

describe('AgentEngine', () => {
  it('answers an order question and streams progress to the customer', async () => {
    const socket = new MemorySocket();
    const engine = makeEngine('p-happy', scriptedModel(() => 'unused'), { order_lookup: orderLookup });

    const result = await engine.run(
      { userId: 'u_alice', threadId: 'thread_alice_01', agentName: 'support_triage', message: 'Where is my order #48213?' },
      new ChatSocketNotifier('u_alice', socket),
    );

    expect(result.status).toBe('completed');
    expect(result.reply).toBe('Order #48213 is shipped. Expected delivery: 2024-06-03.');
    expect(result.finalPhase).toBe(AgentExecutionPhase.COMPLETED);
    const types = socket.types();
    expect(types[0]).toBe('agent_started');
    expect(types.at(-1)).toBe('agent_completed');
    expect(types.indexOf('tool_executing')).toBeLessThan(types.indexOf('tool_completed'));
    expect(socket.frames.every((frame) => frame.runId === result.runId)).toBe(true);
    expect(engine.inFlight()).toEqual({});
    const trail = engine.states.auditTrail({ executionId: result.executionId });
    expect(trail.at(-1)).toMatchObject({ action: 'complete', success: true, userId: 'u_alice' });
    expect(engine.report().phases).toMatchObject({ activeExecutions: 0, completedExecutions: 1, successRate: 100 });
  });

  it('shows the current phase of a run in flight', async () => {
    let seenDuringTool: unknown[] = [];
    const engine: AgentEngine = makeEngine('p-inflight', scriptedModel(() => 'unused'), {
      order_lookup: async () => {
        seenDuringTool = Object.values(engine.inFlight()).map((s) => [s.userId, s.currentPhase, s.agentName]);
        return { status: 'packed' };
      },
    });

    await engine.run({ userId: 'user-4821', threadId: 'thread_4821_02', agentName: 'support_triage', message: 'status of 7734012 please' });

    expect(seenDuringTool).toEqual([['user-4821', AgentExecutionPhase.TOOL_EXECUTION, 'support_triage']]);
    expect(engine.inFlight()).toEqual({});
  });

  it('retries a failing tool, then apologizes', async () => {
    let attempts = 0;
    const socket = new MemorySocket();
    const engine = makeEngine('p-tool-down', scriptedModel(() => 'unused'), {
      invoice_search: async () => {
        attempts++;
        throw new Error('billing API returned 502');
      },
    });

    const result = await engine.run(
      { userId: 'user-4821', threadId: 'thread_4821_07', agentName: 'billing_assistant', message: 'Why was I charged twice?' },
      new ChatSocketNotifier('user-4821', socket),
    );

    expect(attempts).toBe(3);
    expect(result.status).toBe('failed');
    expect(result.finalPhase).toBe(AgentExecutionPhase.FAILED);
    expect(result.reply).toMatch(/billing_assistant is temporarily unavailable/);
    expect(socket.types()).toContain('agent_error');
    const last = socket.frames.at(-1);
    expect(last?.type).toBe('agent_completed');
    expect(last?.payload.result).toMatchObject({ fallback: true, success: false });
    expect(engine.report().phases).toMatchObject({ completedExecutions: 1, successRate: 0 });
  });

  it('gives up on a slow model at the agent deadline', async () => {
    const socket = new MemorySocket();
    const engine = makeEngine('p-slow', scriptedModel(() => 'too late', 5_000));
    const started = Date.now();

    const result = await engine.run(
      { userId: 'u_alice', threadId: 'thread_alice_02', agentName: 'support_triage', message: 'Can I change my delivery address?' },
      new ChatSocketNotifier('u_alice', socket),
    );

    expect(Date.now() - started).toBeLessThan(2_000);
    expect(result.status).toBe('timed_out');
    expect(result.finalPhase).toBe(AgentExecutionPhase.TIMEOUT);
    const errors = socket.ofType('agent_error').map((frame) => frame.payload.error_message);
    expect(errors).toContain('Agent execution timed out after 0.3s');
    expect(engine.monitor.getLostExecutions()).toEqual([]);
    expect(engine.report().stuck).toEqual([]);
  });

  it('stops calling the model once the provider breaker opens', async () => {
    const engine = makeEngine('p-outage', failingModel('upstream 503'));
    const ask = (n: number) =>
      engine.run({ userId: 'u_bob', threadId: 'thread_bob_01', agentName: 'support_triage', message: `hello? (${n})` });

    for (const n of [1, 2, 3]) expect((await ask(n)).status).toBe('failed');
    const blocked = await ask(4);

    expect(blocked.status).toBe('unavailable');
    expect(blocked.finalPhase).toBe(AgentExecutionPhase.CIRCUIT_BREAKER_OPEN);
    expect(engine.timeouts.stats().circuitBreakerState).toBe('open');
  });

  it('refuses bad requests before tracking anything', async () => {
    const engine = makeEngine('p-validate', scriptedModel(() => 'hi'));

    await expect(
      engine.run({ userId: 'u_alice', threadId: 'thread_alice_03', agentName: 'support_triage', message: '   ' }),
    ).rejects.toMatchObject({ name: 'AgentRunError', code: 'EMPTY_MESSAGE' });
    await expect(
      engine.run({ userId: 'u_alice', threadId: 'thread_alice_03', agentName: 'shipping_bot', message: 'hi' }),
    ).rejects.toBeInstanceOf(AgentRunError);
    expect(engine.report().phases).toMatchObject({ activeExecutions: 0, completedExecutions: 0 });
  });
});
