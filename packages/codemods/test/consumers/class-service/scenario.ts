// Main flows of the chat backend, run once end to end: two users, one answered question, one
// slash command, one report that times out, one question the LLM fails on, then a health probe.
import type { UsageWarehouse } from './src/agents.js';
import { createChatBackend } from './src/app.js';
import type { SocketFrame } from './src/realtime/ChatSocketNotifier.js';
import { sleep } from './src/util/text.js';

export async function runScenario(): Promise<void> {
  const frames: { userId: string; frame: SocketFrame }[] = [];
  let warehouseDone: Promise<void> = Promise.resolve();
  const warehouse: UsageWarehouse = {
    monthlyUsage: () => {
      const rows = sleep(300).then(() => [{ month: '2025-08', tokens: 98_120 }]);
      warehouseDone = rows.then(() => undefined);
      return rows;
    },
  };

  const { http } = await createChatBackend({
    llm: {
      complete: async (prompt) => {
        if (/refund/i.test(prompt)) throw new Error('upstream returned 503');
        return 'You can download invoices from Settings > Billing > Invoices.';
      },
    },
    transport: (userId, frame) => frames.push({ userId, frame }),
    knowledgeBase: { search: async (q) => (/invoice/i.test(q) ? ['Downloading invoices'] : []) },
    warehouse,
    config: { agentTimeoutSeconds: 0.15, llmTimeoutSeconds: 1, toolRetryDelaySeconds: 0.01, runWatchdogSeconds: 5 },
    accessLog: () => {},
  });

  const post = (body: Record<string, string>) =>
    http.handle({ method: 'POST', path: '/v1/messages', headers: {}, body });

  // 1. u_alice gets an answer.
  await post({ userId: 'u_alice', threadId: 'thread_alice_01', message: 'Where do I find my invoices?' });
  // 2. user-4821 asks for help.
  await post({ userId: 'user-4821', threadId: 'thread_4821_07', message: '/help' });
  // 3. user-4821's usage report is too slow and times out; wait for the warehouse query to end.
  await post({ userId: 'user-4821', threadId: 'thread_4821_07', message: 'usage for August', agent: 'report_agent' });
  await warehouseDone;
  await new Promise((resolve) => setImmediate(resolve));
  // 4. u_alice's refund question hits an LLM error.
  await post({ userId: 'u_alice', threadId: 'thread_alice_01', message: 'How do I get a refund?' });
  // 5. Health probe.
  await http.handle({ method: 'GET', path: '/healthz', headers: {} });
}
