import { expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { createConnectionHub, notifierFor } from '../src/notifier.js';
import { handleMessage } from '../src/service.js';
import { configureAgentTimeouts, timeoutStats } from '../src/timeouts.js';

it('stops calling a failing LLM once the circuit breaker opens', async () => {
  configureAgentTimeouts(loadConfig({ CHAT_BREAKER_FAILURES: '2', CHAT_BREAKER_COOLDOWN_MS: '60000' }));
  const hub = createConnectionHub();
  let llmCalls = 0;
  const llm = () => {
    llmCalls++;
    return Promise.reject(new Error('LLM upstream returned 502'));
  };
  const ask = (text: string) =>
    handleMessage({ userId: 'u_carol', threadId: 'thread-carol-1', text }, { llm, notifier: notifierFor(hub, 'u_carol') });

  const results = [await ask('first'), await ask('second'), await ask('third')];

  expect(results.map((r) => r.ok)).toEqual([false, false, false]);
  expect(results[2]?.errorType).toBe('CircuitBreakerOpenError');
  expect(llmCalls).toBe(2);
  expect(timeoutStats().triage.circuitBreakerState).toBe('open');
  expect(hub.typesFor('u_carol').filter((t) => t === 'agent_completed')).toHaveLength(3);
});
