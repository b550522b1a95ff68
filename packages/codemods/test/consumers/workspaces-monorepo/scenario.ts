import {
  ChatService,
  LocalRulesModel,
  ToolRegistry,
  orderLookupTool,
  type ClientConnection,
  type LlmClient,
} from './packages/agents/src/index.js';
import { JobQueue } from './packages/jobs/src/index.js';

/** The dev model, with a switch to simulate an outage of the hosted model. */
class SwitchableModel implements LlmClient {
  down = false;
  constructor(private readonly inner: LlmClient) {}
  complete(...args: Parameters<LlmClient['complete']>) {
    return this.down ? Promise.reject(new Error('model endpoint returned 503')) : this.inner.complete(...args);
  }
}

function socket(id: string): ClientConnection {
  return { id, open: true, send: () => {} };
}

export async function runScenario(): Promise<void> {
  const model = new SwitchableModel(new LocalRulesModel(2));
  const tools = new ToolRegistry().register(
    orderLookupTool({ '48213': { status: 'shipped', eta: '2024-06-03' }, '50017': { status: 'processing' } }),
  );
  const service = new ChatService({ llm: model, tools, config: { agentTimeoutSeconds: 2, retryDelaySeconds: 0.01 } });
  await service.start();
  service.connect('u_alice', socket('ws-alice'));
  service.connect('user-4821', socket('ws-4821'));

  // Alice asks about an order: model → lookup_order tool → model → answer.
  await service.handleMessage('u_alice', 'thread-alice-1', 'Hi, where is my order #48213?');
  await service.handleMessage('u_alice', 'thread-alice-1', 'Thanks! Can I still add a gift note?');

  // The hosted model is down while user-4821 writes: the run fails and the fallback is sent.
  model.down = true;
  await service.handleMessage('user-4821', 'thread-4821-a', 'My order 50017 has not shipped yet');
  model.down = false;

  // An empty message is refused before the agent starts working.
  await service.handleMessage('user-4821', 'thread-4821-a', '   ').catch(() => undefined);

  // Background summary of Alice's thread (heartbeats after each chunk).
  await service.compactThread('u_alice', 'thread-alice-1');

  // A slow model hits a (deliberately tiny) agent budget.
  const impatient = new ChatService({ llm: new LocalRulesModel(1_000), config: { agentTimeoutSeconds: 0.1 } });
  impatient.connect('user-4821', socket('ws-4821'));
  await impatient.handleMessage('user-4821', 'thread-4821-b', 'What is your return policy?');

  service.getDiagnostics();
  service.metricsSnapshot();

  // The jobs package runs its own nightly digest alongside.
  const queue = new JobQueue({ timeoutMs: 500 });
  queue.register('send_digest', async (payload: { to: string }, { heartbeat }) => {
    heartbeat();
    return { queued: payload.to };
  });
  queue.enqueue('send_digest', { to: 'alice@example.org' });
  await queue.drain();
}
