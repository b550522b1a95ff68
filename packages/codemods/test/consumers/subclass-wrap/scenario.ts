// A short day at the support desk: two customers, one answered, one billing run that fails, and
// one slow model answer that hits the agent deadline.
import type { ModelClient, ToolFn } from './src/agents.js';
import type { ChatSocket } from './src/notifier.js';
import { createSupportChat } from './src/service.js';

class BufferedSocket implements ChatSocket {
  readyState = 1;
  readonly sent: string[] = [];
  send(data: string): void {
    this.sent.push(data);
  }
}

// Answers at once, except for "delivery address" questions, which take longer than the deadline
// (and stop as soon as the run is aborted).
const model: ModelClient = {
  complete(prompt, signal) {
    if (!prompt.includes('delivery address')) return Promise.resolve('Happy to help with that!');
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => resolve('You can change it in your account.'), 2_000);
      signal.addEventListener('abort', () => (clearTimeout(timer), reject(new Error('aborted'))), { once: true });
    });
  },
};

const tools: Record<string, ToolFn> = {
  order_lookup: async ({ orderNumber }) => ({ status: `shipped (order ${String(orderNumber)})`, eta: '2024-06-03' }),
  invoice_search: async () => {
    throw new Error('billing API returned 502 Bad Gateway');
  },
};

export async function runScenario(): Promise<void> {
  // The real server is held open by its listening socket. This script has none, and the trackers'
  // retry and deadline timers do not hold the process open, so keep it alive while the flows run.
  const keepAlive = setInterval(() => {}, 1_000);
  try {
    await runFlows();
  } finally {
    clearInterval(keepAlive);
  }
}

async function runFlows(): Promise<void> {
  const chat = createSupportChat({
    model,
    tools,
    config: { agentTimeoutSeconds: 0.25, modelTimeoutSeconds: 1, retryDelaySeconds: 0.01, toolRetries: 2, modelProvider: 'scenario' },
  });
  chat.connect('u_alice', new BufferedSocket());
  chat.connect('user-4821', new BufferedSocket());

  const answered = await chat.handleMessage('u_alice', 'thread_alice_01', 'Where is my order #48213?');
  if (answered.status !== 'completed') throw new Error(`expected a completed run, got ${answered.status}`);

  const failed = await chat.handleMessage('user-4821', 'thread_4821_07', 'Why was I charged twice on my invoice?');
  if (failed.status !== 'failed') throw new Error(`expected a failed run, got ${failed.status}`);

  const late = await chat.handleMessage('u_alice', 'thread_alice_01', 'Can I change my delivery address?');
  if (late.status !== 'timed_out') throw new Error(`expected a timed out run, got ${late.status}`);

  const health = chat.health();
  if (health.phases.activeExecutions !== 0) throw new Error('runs left in flight');
}
