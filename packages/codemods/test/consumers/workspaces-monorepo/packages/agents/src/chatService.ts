import { randomUUID } from 'node:crypto';
import { getAgentStateTracker } from '@aet/legacy-shims/agent-state-tracker';
import { configureTimeoutManager, getTimeoutManager } from '@aet/legacy-shims/execution-timeout-manager';
import { getExecutionTracker } from '@aet/legacy-shims/execution-tracker';
import { SupportAgent, type AgentReply } from './agentEngine.js';
import { loadConfig, type AgentRuntimeConfig } from './config.js';
import { AgentBusyError } from './errors.js';
import type { ChatMessage, LlmClient } from './llm.js';
import { SocketNotifier, type ClientConnection } from './notifier.js';
import { ThreadSummarizer } from './threadSummarizer.js';
import { ToolRegistry } from './tools.js';

export interface ChatServiceOptions {
  llm: LlmClient;
  tools?: ToolRegistry;
  config?: Partial<AgentRuntimeConfig>;
}

export interface Diagnostics {
  healthy: boolean;
  activeRuns: number;
  finishedRuns: number;
  successRatePercent: number;
  llmCircuit: 'closed' | 'open' | 'half_open';
  agentTimeoutSeconds: number;
  backgroundJobs: { total: number; active: number; failed: number; stuck: number };
}

const SUMMARIZE_AFTER = 12;

/** Entry point of the chat backend: routes user messages to the agent and pushes replies. */
export class ChatService {
  readonly config: AgentRuntimeConfig;
  readonly agent: SupportAgent;
  readonly summarizer: ThreadSummarizer;
  private readonly connections = new Map<string, ClientConnection>();
  private readonly threads = new Map<string, ChatMessage[]>();

  constructor(options: ChatServiceOptions) {
    this.config = loadConfig(process.env, options.config);
    configureTimeoutManager({
      agentExecutionTimeout: this.config.agentTimeoutSeconds,
      llmApiTimeout: this.config.llmTimeoutSeconds,
      maxRetries: this.config.maxRetries,
      retryBaseDelay: this.config.retryDelaySeconds,
      retryMaxDelay: Math.max(5, this.config.retryDelaySeconds),
    });
    this.agent = new SupportAgent(options.llm, options.tools ?? new ToolRegistry(), this.config);
    this.summarizer = new ThreadSummarizer(options.llm, this.config.summaryTimeoutSeconds);
  }

  async start(): Promise<void> {
    await this.summarizer.init();
  }

  connect(userId: string, connection: ClientConnection): void {
    this.connections.set(userId, connection);
  }

  async handleMessage(userId: string, threadId: string, text: string): Promise<AgentReply> {
    if (this.activeRunsFor(userId).some((run) => run.threadId === threadId)) {
      throw new AgentBusyError(threadId);
    }
    const history = this.threads.get(threadId) ?? [];
    const notifier = new SocketNotifier(userId, this.connections.get(userId));
    const reply = await this.agent.run({ userId, threadId, message: text, history, runId: randomUUID() }, notifier);

    if (reply.status === 'completed') {
      history.push({ role: 'user', content: text }, { role: 'assistant', content: reply.text });
      this.threads.set(threadId, history);
      if (history.length >= SUMMARIZE_AFTER) await this.compactThread(userId, threadId);
    }
    return reply;
  }

  async compactThread(userId: string, threadId: string): Promise<string> {
    const history = this.threads.get(threadId) ?? [];
    const summary = await this.summarizer.summarize(userId, threadId, history);
    this.threads.set(threadId, [{ role: 'assistant', content: `Summary so far: ${summary}` }]);
    return summary;
  }

  /** Runs of this user that are still in progress, with the phase each one is in. */
  activeRunsFor(userId: string): { runId: string; threadId: unknown; phase: string }[] {
    return Object.values(getAgentStateTracker().getActiveExecutions())
      .filter((run) => run.userId === userId)
      .map((run) => ({ runId: run.runId, threadId: run.executionMetadata.threadId, phase: run.currentPhase }));
  }

  getDiagnostics(): Diagnostics {
    const runs = getAgentStateTracker().getExecutionSummary();
    const timeouts = getTimeoutManager().getExecutionStats();
    const jobs = getExecutionTracker().getHealthStatus();
    const stuck = getAgentStateTracker().detectStuckExecutions(this.config.agentTimeoutSeconds * 2000);
    return {
      healthy: jobs.healthy && stuck.length === 0 && timeouts.circuitBreakerState !== 'open',
      activeRuns: runs.activeExecutions,
      finishedRuns: runs.completedExecutions,
      successRatePercent: Math.round(runs.successRate),
      llmCircuit: timeouts.circuitBreakerState,
      agentTimeoutSeconds: timeouts.config.agentTimeout,
      backgroundJobs: {
        total: jobs.totalExecutions,
        active: jobs.activeExecutions,
        failed: jobs.failedExecutions,
        stuck: jobs.stuckExecutions,
      },
    };
  }

  /** Counters for the /metrics endpoint. */
  metricsSnapshot(): Record<string, number> {
    const metrics = getExecutionTracker().collectMetrics();
    return {
      acme_executions_total: metrics.totalExecutions,
      acme_executions_active: metrics.activeExecutions,
      acme_executions_failed: metrics.failedExecutions,
      acme_executions_timeout: metrics.timeoutExecutions,
    };
  }
}
