import { expect, it } from 'vitest';
import { makeBackend, ScriptedLlm } from './helpers.js';

it('stops calling a failing LLM after three errors and reports itself degraded', async () => {
  const llm = new ScriptedLlm(async () => {
    throw new Error('model overloaded');
  });
  const { service, http } = await makeBackend({ llm });

  for (const userId of ['u_frank', 'u_grace', 'u_frank']) {
    const outcome = await service.handleMessage({ userId, threadId: `thread_${userId}`, message: 'billing help' });
    expect(outcome.status).toBe('failed');
  }
  const fourth = await service.handleMessage({ userId: 'u_grace', threadId: 'thread_g7', message: 'billing help' });

  expect(fourth).toMatchObject({ status: 'failed', fallback: true });
  expect(llm.prompts).toHaveLength(3);
  const health = service.health();
  expect(health.status).toBe('degraded');
  expect(health.llm).toMatchObject({ breaker: 'open' });

  const res = await http.handle({ method: 'GET', path: '/healthz', headers: {} });
  expect(res.status).toBe(503);
  expect(res.body).toMatchObject({ status: 'degraded' });
});
