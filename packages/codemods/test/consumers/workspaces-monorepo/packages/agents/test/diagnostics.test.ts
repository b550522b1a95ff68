import { describe, expect, it } from 'vitest';
import { ChatService, LocalRulesModel } from '../src/index.js';
import { brokenModel } from './helpers.js';

describe('ChatService diagnostics', () => {
  it('reports finished runs, the success rate and health', async () => {
    const healthy = new ChatService({ llm: new LocalRulesModel(1), config: { retryDelaySeconds: 0.01 } });
    const down = new ChatService({ llm: brokenModel(), config: { retryDelaySeconds: 0.01 } });

    await healthy.handleMessage('u_alice', 'thread-a9', 'Hello there');
    await down.handleMessage('user-4821', 'thread-b9', 'Hello again');

    expect(healthy.getDiagnostics()).toMatchObject({
      healthy: true,
      activeRuns: 0,
      finishedRuns: 2,
      successRatePercent: 50,
      llmCircuit: 'closed',
    });
  });

  it('opens the LLM circuit after repeated model failures and stops calling the model', async () => {
    const llm = brokenModel('model overloaded');
    const service = new ChatService({ llm, config: { retryDelaySeconds: 0.01 } });

    const statuses: string[] = [];
    for (let i = 0; i < 5; i++) {
      const reply = await service.handleMessage('u_dana', `thread-e${i}`, 'Is the sale still on?');
      statuses.push(reply.status);
    }

    expect(statuses).toContain('unavailable');
    expect(llm.calls).toBeLessThan(5);
    const diagnostics = service.getDiagnostics();
    expect(diagnostics.llmCircuit).toBe('open');
    expect(diagnostics.healthy).toBe(false);
  });
});
