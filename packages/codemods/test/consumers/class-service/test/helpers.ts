import { AgentStateTracker } from '@aet/legacy-shims/agent-state-tracker';
import type { KnowledgeBase, LlmClient, UsageWarehouse } from '../src/agents.js';
import { createChatBackend, type ChatBackend } from '../src/app.js';
import type { AppConfig } from '../src/config.js';
import type { SocketFrame } from '../src/realtime/ChatSocketNotifier.js';
import { sleep } from '../src/util/text.js';

export interface Sent {
  readonly userId: string;
  readonly frame: SocketFrame;
}

export class ScriptedLlm implements LlmClient {
  readonly prompts: string[] = [];
  constructor(private readonly answer: (prompt: string) => Promise<string> = async () => 'Go to Settings > Billing.') {}
  complete(prompt: string): Promise<string> {
    this.prompts.push(prompt);
    return this.answer(prompt);
  }
}

export const helpCenter: KnowledgeBase = {
  search: async (query) => (/invoice|billing/i.test(query) ? ['Downloading invoices', 'Billing settings'] : []),
};

export function slowWarehouse(delayMs: number): UsageWarehouse {
  return {
    monthlyUsage: async () => {
      await sleep(delayMs);
      return [{ month: '2025-08', tokens: 120_400 }];
    },
  };
}

export const FAST_CONFIG: Partial<AppConfig> = {
  agentTimeoutSeconds: 0.5,
  llmTimeoutSeconds: 0.4,
  toolRetryDelaySeconds: 0.01,
  runWatchdogSeconds: 5,
};

export async function makeBackend(
  options: {
    llm?: LlmClient;
    knowledgeBase?: KnowledgeBase;
    warehouse?: UsageWarehouse;
    config?: Partial<AppConfig>;
  } = {},
): Promise<ChatBackend & { sent: Sent[]; llm: LlmClient }> {
  const sent: Sent[] = [];
  const llm = options.llm ?? new ScriptedLlm();
  const backend = await createChatBackend({
    llm,
    transport: (userId, frame) => sent.push({ userId, frame }),
    knowledgeBase: options.knowledgeBase ?? helpCenter,
    warehouse: options.warehouse ?? slowWarehouse(5),
    config: { ...FAST_CONFIG, ...options.config },
    accessLog: () => {},
    stateTracker: new AgentStateTracker(),
  });
  return { ...backend, sent, llm };
}

export function framesOf(sent: readonly Sent[], runId: string): SocketFrame['type'][] {
  return sent.filter((s) => s.frame.runId === runId).map((s) => s.frame.type);
}
