import { describe, expect, it } from 'vitest';
import { AgentInputError, ChatService, LocalRulesModel, ToolRegistry, orderLookupTool, type Tool } from '../src/index.js';
import { brokenModel, fakeSocket } from './helpers.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const fast = { retryDelaySeconds: 0.01, agentTimeoutSeconds: 2 };

function orders(): ToolRegistry {
  return new ToolRegistry().register(orderLookupTool({ '48213': { status: 'shipped', eta: '2024-06-03' } }));
}

describe('ChatService', () => {
  it('answers an order question with the lookup tool and streams progress to the socket', async () => {
    const service = new ChatService({ llm: new LocalRulesModel(1), tools: orders(), config: fast });
    const { connection, frames } = fakeSocket();
    service.connect('u_alice', connection);

    const reply = await service.handleMessage('u_alice', 'thread-a1', 'Where is my order #48213?');

    expect(reply.status).toBe('completed');
    expect(reply.runId).toMatch(UUID);
    expect(reply.toolsUsed).toEqual(['lookup_order']);
    expect(reply.text).toContain('shipped');
    const types = frames.map((f) => f.type);
    expect(types).toEqual(expect.arrayContaining(['agent_started', 'agent_thinking', 'tool_executing', 'tool_completed', 'agent_completed']));
    expect(types.indexOf('agent_started')).toBeLessThan(types.indexOf('tool_executing'));
    expect(types.at(-1)).toBe('agent_completed');
    expect(frames.every((f) => f.run_id === reply.runId && f.user_id === 'u_alice')).toBe(true);
    expect(service.activeRunsFor('u_alice')).toEqual([]);
  });

  it('rejects an empty message and tells the client the run failed', async () => {
    const service = new ChatService({ llm: new LocalRulesModel(1), config: fast });
    const { connection, frames } = fakeSocket();
    service.connect('user-4821', connection);

    await expect(service.handleMessage('user-4821', 'thread-b7', '  \n ')).rejects.toBeInstanceOf(AgentInputError);
    expect(frames.map((f) => f.type)).toEqual(['agent_error']);
    expect(service.activeRunsFor('user-4821')).toEqual([]);
  });

  it('answers with the apology fallback when the model is down', async () => {
    const llm = brokenModel();
    const service = new ChatService({ llm, config: fast });
    const { connection, frames } = fakeSocket();
    service.connect('user-4821', connection);

    const reply = await service.handleMessage('user-4821', 'thread-b8', 'Can I change my delivery address?');

    expect(reply).toMatchObject({ status: 'failed', fallback: true });
    expect(reply.text).toMatch(/apologize/i);
    expect(llm.calls).toBe(1);
    const last = frames.at(-1)!;
    expect(last.type).toBe('agent_completed');
    expect(last.data.result).toMatchObject({ fallback: true, runId: reply.runId });
    expect(frames.some((f) => f.type === 'agent_error')).toBe(true);
  });

  it('gives up on a slow run at the configured agent timeout', async () => {
    const service = new ChatService({ llm: new LocalRulesModel(5_000), config: { ...fast, agentTimeoutSeconds: 0.1 } });
    const { connection, frames } = fakeSocket();
    service.connect('u_bob', connection);

    const startedAt = Date.now();
    const reply = await service.handleMessage('u_bob', 'thread-c2', 'Tell me about your return policy');

    expect(Date.now() - startedAt).toBeLessThan(2_000);
    expect(reply).toMatchObject({ status: 'timeout', fallback: true });
    const errors = frames.filter((f) => f.type === 'agent_error');
    expect(errors.some((f) => /timed out/i.test(String(f.data.error_message)))).toBe(true);
  });

  it('retries a flaky tool before answering', async () => {
    let attempts = 0;
    const flaky: Tool = {
      name: 'lookup_order',
      description: 'flaky order service',
      async run(args) {
        attempts++;
        if (attempts === 1) throw new Error('ECONNRESET');
        return { orderId: args.orderId, found: true, status: 'delivered' };
      },
    };
    const service = new ChatService({ llm: new LocalRulesModel(1), tools: new ToolRegistry().register(flaky), config: fast });

    const reply = await service.handleMessage('u_carol', 'thread-d4', 'Has order 99120 arrived?');

    expect(reply.status).toBe('completed');
    expect(reply.text).toContain('delivered');
    expect(attempts).toBe(2);
  });
});
