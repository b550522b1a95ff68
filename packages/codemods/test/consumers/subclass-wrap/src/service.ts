// The chat-facing service: one notifier per connected customer, routing of each message to an
// agent, and a health report for the ops dashboard.
import { BUILTIN_AGENTS, type ChatAgent, type ModelClient, type ToolFn } from './agents.js';
import { loadConfig, type AppConfig } from './config.js';
import { AgentEngine, type AgentRunResult, type EngineReport } from './engine.js';
import { ChatSocketNotifier, type ChatSocket } from './notifier.js';

const BILLING_WORDS = /\b(invoice|refund|charged?|billing|payment)\b/i;

export class SupportChatService {
  private readonly connections = new Map<string, ChatSocketNotifier>();

  constructor(readonly engine: AgentEngine) {
    engine.monitor.onLost((lost) =>
      this.connections.get(lost.userId)?.sendNotice(`Sorry, ${lost.agentName} stopped responding. Please try again.`),
    );
  }

  connect(userId: string, socket: ChatSocket): ChatSocketNotifier {
    const notifier = new ChatSocketNotifier(userId, socket);
    this.connections.set(userId, notifier);
    return notifier;
  }

  handleMessage(userId: string, threadId: string, text: string): Promise<AgentRunResult> {
    const agentName = BILLING_WORDS.test(text) ? 'billing_assistant' : 'support_triage';
    return this.engine.run({ userId, threadId, agentName, message: text }, this.connections.get(userId));
  }

  health(): EngineReport & { healthy: boolean } {
    const report = this.engine.report();
    return { ...report, healthy: report.heartbeats.healthy && report.timeouts.circuitBreakerState !== 'open' };
  }
}

export function createSupportChat(deps: {
  model: ModelClient;
  tools?: Record<string, ToolFn>;
  config?: Partial<AppConfig>;
  agents?: readonly ChatAgent[];
}): SupportChatService {
  const engine = new AgentEngine(loadConfig(deps.config), deps.model, deps.tools ?? {}, deps.agents ?? BUILTIN_AGENTS);
  return new SupportChatService(engine);
}
