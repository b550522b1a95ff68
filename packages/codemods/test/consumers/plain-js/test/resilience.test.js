import { describe, expect, it } from 'vitest';
import { ChatService } from '../src/chatService.js';
import { loadConfig } from '../src/config.js';
import { createRuleBasedModel } from '../src/triageAgent.js';
import { recordingSocket } from './helpers.js';

const fastRetries = { HELPDESK_RETRY_BASE_S: '0.01', HELPDESK_RETRY_MAX_S: '0.05' };

/** @param {Record<string, string>} env @param {import('../src/triageAgent.js').ChatModel} model */
async function serviceFor(env, model) {
  const socket = recordingSocket();
  const config = loadConfig({ ...fastRetries, ...env });
  const service = await ChatService.create(new Map([['user-7310', socket]]), { model, config });
  return { service, socket };
}

describe('agent resilience', () => {
  it('gives up on a run that exceeds the agent timeout and apologises', async () => {
    const slowModel = {
      complete: () => new Promise((resolve) => setTimeout(() => resolve('other'), 1000)),
    };
    const { service, socket } = await serviceFor({ HELPDESK_AGENT_TIMEOUT_S: '0.05' }, slowModel);

    const started = Date.now();
    const result = await service.handleMessage({
      userId: 'user-7310',
      threadId: 'thr_7310_01',
      runId: 'run_thr_7310_01_0001',
      text: 'Is anyone there?',
    });

    expect(Date.now() - started).toBeLessThan(800); // did not wait for the model
    expect(result).toMatchObject({ ok: false, reason: 'timeout' });
    expect(result.reply).toMatch(/temporarily unavailable/);
    const error = socket.frames.find((frame) => frame.type === 'agent_error');
    expect(error.data.error_message).toMatch(/timed out/);
    expect((await service.health()).runs.failures).toBe(1);
  });

  it('retries a model call that fails once', async () => {
    const model = createRuleBasedModel({ latencyMs: 1 });
    let calls = 0;
    const flaky = {
      /** @param {string} prompt */
      complete(prompt) {
        calls++;
        return calls === 1 ? Promise.reject(new Error('502 from model gateway')) : model.complete(prompt);
      },
    };
    const { service } = await serviceFor({}, flaky);

    const result = await service.handleMessage({
      userId: 'user-7310',
      threadId: 'thr_7310_02',
      text: 'Where is my order ORD-1077?',
    });

    expect(result).toMatchObject({ ok: true, intent: 'order_status' });
    expect(result.reply).toContain('processing');
    expect(calls).toBe(3); // failed classify, retried classify, reply
  });

  it('opens the model breaker when the model keeps failing', async () => {
    const down = { complete: () => Promise.reject(new Error('503 model overloaded')) };
    const { service } = await serviceFor({ HELPDESK_BREAKER_RECOVERY_S: '60' }, down);

    const first = await service.handleMessage({ userId: 'user-7310', threadId: 'thr_7310_03', text: 'hello?' });
    const second = await service.handleMessage({ userId: 'user-7310', threadId: 'thr_7310_03', text: 'hello??' });

    expect(first).toMatchObject({ ok: false, reason: 'agent_error' });
    expect(second).toMatchObject({ ok: false, reason: 'agent_error' });
    const health = await service.health();
    expect(health.agents.circuitBreakerState).toBe('open');
    expect(health.ok).toBe(false);
  });
});
