import { beforeEach, describe, expect, it } from 'vitest';
import { ChatService } from '../src/chatService.js';
import { createRuleBasedModel } from '../src/triageAgent.js';
import { recordingSocket } from './helpers.js';

describe('ChatService', () => {
  /** @type {ReturnType<typeof recordingSocket>} */
  let alice;
  /** @type {Map<string, import('../src/notifier.js').SocketLike>} */
  let sockets;

  beforeEach(() => {
    alice = recordingSocket();
    sockets = new Map([['u_alice', alice]]);
  });

  it('answers an order question with the order status and streams progress to the user', async () => {
    const service = await ChatService.create(sockets);

    const result = await service.handleMessage({
      userId: 'u_alice',
      threadId: 'thr_alice_01',
      runId: 'run_thr_alice_01_0001',
      text: 'Where is my order ORD-1042?',
    });

    expect(result).toMatchObject({ ok: true, intent: 'order_status' });
    expect(result.reply).toContain('ORD-1042 is shipped');
    const types = alice.typesFor('run_thr_alice_01_0001');
    expect(types[0]).toBe('agent_started');
    expect(types).toContain('agent_thinking');
    expect(types.indexOf('tool_executing')).toBeLessThan(types.indexOf('tool_completed'));
    expect(types.at(-1)).toBe('agent_completed');
    const toolFrame = alice.frames.find((frame) => frame.type === 'tool_executing');
    expect(toolFrame.data.tool_name).toBe('lookup_order');
    expect(toolFrame.thread_id).toBe('thr_alice_01');
  });

  it('goes through more steps when it has to look an order up', async () => {
    const service = await ChatService.create(sockets);

    const withTool = await service.handleMessage({ userId: 'u_alice', threadId: 'thr_alice_05', text: 'Order ORD-2210?' });
    const withoutTool = await service.handleMessage({ userId: 'u_alice', threadId: 'thr_alice_05', text: 'Thanks!' });

    expect(withoutTool).toMatchObject({ ok: true, intent: 'other' });
    expect(withoutTool.steps).toBeGreaterThan(0);
    expect(withTool.steps).toBeGreaterThan(Number(withoutTool.steps));
  });

  it('sends the fallback reply when the order does not exist', async () => {
    const bob = recordingSocket();
    sockets.set('user-4821', bob);
    const service = await ChatService.create(sockets);

    const result = await service.handleMessage({
      userId: 'user-4821',
      threadId: 'thr_4821_07',
      runId: 'run_thr_4821_07_0001',
      text: 'Can you check order ORD-9999?',
    });

    expect(result).toMatchObject({ ok: false, reason: 'agent_error' });
    expect(result.reply).toMatch(/temporarily unavailable/);
    const types = bob.typesFor('run_thr_4821_07_0001');
    expect(types).toContain('agent_error');
    expect(types.at(-1)).toBe('agent_completed');
    expect(bob.frames.at(-1).data.result.fallback).toBe(true);
    expect(alice.frames).toHaveLength(0); // nothing leaks to another customer
  });

  it('rejects an empty message before the agent starts', async () => {
    const service = await ChatService.create(sockets);

    const result = await service.handleMessage({ userId: 'u_alice', threadId: 'thr_alice_02', text: '   ' });

    expect(result).toMatchObject({ ok: false, reason: 'invalid_message' });
    expect(result.reply).toBe('Please type a message first.');
    expect(alice.frames).toHaveLength(0);
  });

  it('shows a run in progress, by phase, on the health report', async () => {
    const model = createRuleBasedModel();
    /** @type {unknown} */
    let duringModelCall;
    /** @type {ChatService} */
    const service = await ChatService.create(sockets, {
      model: {
        async complete(prompt) {
          duringModelCall ??= (await service.health()).runs;
          return model.complete(prompt);
        },
      },
    });

    await service.handleMessage({ userId: 'u_alice', threadId: 'thr_alice_03', text: 'Reset my password' });

    expect(duringModelCall).toMatchObject({ running: 1, byPhase: { llm_interaction: 1 } });
    expect((await service.health()).runs).toMatchObject({ running: 0, finished: 1 });
  });

  it('counts finished runs and failures in the health report', async () => {
    const service = await ChatService.create(sockets);
    await service.handleMessage({ userId: 'u_alice', threadId: 'thr_alice_04', text: 'Where is ORD-2210?' });
    await service.handleMessage({ userId: 'u_alice', threadId: 'thr_alice_04', text: 'And order ORD-0001?' });

    const health = await service.health();

    expect(health.runs).toMatchObject({ running: 0, finished: 2, failures: 1, successRatePercent: 50 });
    expect(health.runs.stuck).toEqual([]);
    expect(health.agents.circuitBreakerState).toBe('closed');
    expect(health.ok).toBe(true);
  });
});
