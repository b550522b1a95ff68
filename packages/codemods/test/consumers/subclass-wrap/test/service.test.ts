import { describe, expect, it, vi } from 'vitest';
import { createSupportChat } from '../src/service.js';
import { MemorySocket, scriptedModel } from './helpers.js';

const config = { agentTimeoutSeconds: 0.5, retryDelaySeconds: 0.01, toolRetries: 1 };

describe('SupportChatService', () => {
  it('routes billing questions to the billing agent and keeps each customer on their own socket', async () => {
    const model = scriptedModel((prompt) => (prompt.includes('Invoices') ? 'You were refunded on May 2.' : 'Hello!'));
    const chat = createSupportChat({
      model,
      config: { ...config, modelProvider: 'svc-routing' },
      tools: {
        order_lookup: async () => ({ status: 'delivered' }),
        invoice_search: async ({ customer }) => [{ customer, number: 'INV-2024-0193', amount: 49.9 }],
      },
    });
    const alice = new MemorySocket();
    const bob = new MemorySocket();
    chat.connect('u_alice', alice);
    chat.connect('user-4821', bob);

    const aliceRun = await chat.handleMessage('u_alice', 'thread_alice_01', 'Has order 5512890 arrived?');
    const bobRun = await chat.handleMessage('user-4821', 'thread_4821_07', 'I was charged twice, can I get a refund?');

    expect(aliceRun).toMatchObject({ status: 'completed', reply: 'Order #5512890 is delivered.' });
    expect(bobRun).toMatchObject({ status: 'completed', reply: 'You were refunded on May 2.' });
    expect(model.prompts.join('\n')).toContain('INV-2024-0193');
    expect(alice.frames.every((f) => f.userId === 'u_alice' && f.runId === aliceRun.runId)).toBe(true);
    expect(bob.frames.every((f) => f.userId === 'user-4821' && f.runId === bobRun.runId)).toBe(true);
    expect(bob.ofType('tool_executing').map((f) => f.payload.tool_name)).toEqual(['invoice_search']);
    expect(bob.frames.every((f) => f.agentName === 'billing_assistant')).toBe(true);
  });

  it('reports health, and warns a customer whose run was lost', async () => {
    const chat = createSupportChat({
      model: scriptedModel(() => 'Sure.'),
      config: { ...config, modelProvider: 'svc-health' },
      tools: { invoice_search: async () => Promise.reject(new Error('billing API down')) },
    });
    const alice = new MemorySocket();
    chat.connect('u_alice', alice);

    expect((await chat.handleMessage('u_alice', 'thread_alice_04', 'Can you help me?')).status).toBe('completed');
    expect((await chat.handleMessage('u_alice', 'thread_alice_04', 'Where is my invoice?')).status).toBe('failed');
    const health = chat.health();
    expect(health.healthy).toBe(true);
    expect(health.phases).toMatchObject({ activeExecutions: 0, completedExecutions: 2, successRate: 50 });
    expect(health.stuck).toEqual([]);

    // A run registered by some other worker for alice that never reports back.
    await chat.engine.monitor.registerExecution('support_triage', 'u_alice:lost0001', 'thread_alice_05', 'u_alice', 0.05);
    await vi.waitFor(() => expect(alice.ofType('notice')).toHaveLength(1), { timeout: 2_000, interval: 20 });
    expect(alice.ofType('notice')[0]?.payload.message).toMatch(/support_triage stopped responding/);
  });
});
