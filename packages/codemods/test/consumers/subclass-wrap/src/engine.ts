// Runs one customer message through an agent: audited phases, a deadline for the turn, the model
// behind the breaker, retried tools, and a heartbeat record so the monitor notices hangs.
import {
  AgentExecutionPhase,
  AuditedStateTracker,
  MonitoredExecutionTracker,
  TimeoutFacade,
  type AgentExecutionState,
  type ExecutionStats,
  type ExecutionSummary,
  type HealthStatus,
} from './index.js';
import type { AgentContext, ChatAgent, ModelClient, ToolFn } from './agents.js';
import type { AppConfig } from './config.js';
import { AgentRunError, classifyFailure } from './errors.js';
import type { ChatSocketNotifier } from './notifier.js';
import { correlationIdFor, errorMessage, newRunId, truncate } from './util.js';

export interface AgentRunRequest { userId: string; threadId: string; agentName: string; message: string; runId?: string }

export interface AgentRunResult {
  status: 'completed' | 'failed' | 'timed_out' | 'unavailable';
  reply: string; runId: string; executionId: string; finalPhase: AgentExecutionPhase;
}

export interface EngineReport { phases: ExecutionSummary; timeouts: ExecutionStats; heartbeats: HealthStatus; stuck: string[] }

const ON_FAILURE = {
  timeout: { phase: AgentExecutionPhase.TIMEOUT, status: 'timed_out' },
  circuit_open: { phase: AgentExecutionPhase.CIRCUIT_BREAKER_OPEN, status: 'unavailable' },
  error: { phase: AgentExecutionPhase.FAILED, status: 'failed' },
} as const;

export class AgentEngine {
  readonly states = new AuditedStateTracker(5000);
  readonly timeouts: TimeoutFacade;
  readonly monitor: MonitoredExecutionTracker;
  private readonly agents: Map<string, ChatAgent>;

  constructor(
    private readonly config: AppConfig,
    private readonly model: ModelClient,
    private readonly tools: Readonly<Record<string, ToolFn>>,
    agents: readonly ChatAgent[],
  ) {
    this.agents = new Map(agents.map((agent) => [agent.name, agent]));
    this.timeouts = new TimeoutFacade({
      agentTimeoutSeconds: config.agentTimeoutSeconds,
      modelTimeoutSeconds: config.modelTimeoutSeconds,
      retries: config.toolRetries,
      retryDelaySeconds: config.retryDelaySeconds,
      provider: config.modelProvider,
    });
    // Outlives the agent deadline a little: it only catches real hangs.
    this.monitor = new MonitoredExecutionTracker(config.agentTimeoutSeconds + 5);
  }

  async run(request: AgentRunRequest, notifier?: ChatSocketNotifier): Promise<AgentRunResult> {
    const agent = this.validate(request);
    const { userId, threadId } = request;
    const runId = request.runId ?? newRunId();
    const message = truncate(request.message.trim(), this.config.maxMessageLength);

    const executionId = this.states.startExecution(agent.name, runId, userId, { threadId });
    const watchId = await this.monitor.registerExecution(agent.name, correlationIdFor(userId, runId), threadId, userId);
    await this.monitor.startExecution(watchId);
    const abort = new AbortController();
    let phase: AgentExecutionPhase = AgentExecutionPhase.CREATED;
    const moveTo = async (next: AgentExecutionPhase, metadata?: Record<string, unknown>) => {
      if (abort.signal.aborted) return;
      if (await this.states.transitionPhase(executionId, next, metadata, notifier)) phase = next;
      await this.monitor.heartbeat(watchId);
    };

    const context: AgentContext = {
      userId,
      message,
      ask: async (prompt) => {
        await moveTo(AgentExecutionPhase.LLM_INTERACTION, { provider: this.config.modelProvider });
        return this.timeouts.callModel(() => this.model.complete(prompt, abort.signal), `${agent.name}.completion`);
      },
      useTool: async (toolName, args) => {
        const tool = this.tools[toolName];
        if (tool === undefined) throw new Error(`tool ${toolName} is not installed`);
        await moveTo(AgentExecutionPhase.TOOL_PREPARATION, { toolName });
        await moveTo(AgentExecutionPhase.TOOL_EXECUTION, { toolName, args });
        const result = await this.timeouts.withRetry(() => tool(args, abort.signal), toolName);
        notifier?.notifyToolCompleted(runId, agent.name, toolName, result);
        return result;
      },
    };

    try {
      const reply = await this.timeouts.runAgent(agent.name, runId, async () => {
        await moveTo(AgentExecutionPhase.WEBSOCKET_SETUP, { connected: notifier !== undefined });
        await moveTo(AgentExecutionPhase.CONTEXT_VALIDATION, { threadId });
        await moveTo(AgentExecutionPhase.STARTING, { messageLength: message.length });
        await moveTo(AgentExecutionPhase.THINKING);
        const answer = await agent.handle(context);
        await moveTo(AgentExecutionPhase.RESULT_PROCESSING);
        await moveTo(AgentExecutionPhase.COMPLETING);
        return answer;
      }, notifier);
      await moveTo(AgentExecutionPhase.COMPLETED, { replyLength: reply.length });
      this.states.completeExecution(executionId, true);
      await this.monitor.completeExecution(watchId, { replyLength: reply.length });
      return { status: 'completed', reply, runId, executionId, finalPhase: phase };
    } catch (error) {
      const kind = classifyFailure(error);
      await moveTo(ON_FAILURE[kind].phase, { error: errorMessage(error) });
      abort.abort();
      this.states.completeExecution(executionId, false);
      if (kind === 'timeout') await this.monitor.killExecution(watchId, 'agent deadline exceeded');
      else await this.monitor.completeExecution(watchId, undefined, errorMessage(error));
      const reply = await this.timeouts.apologize(agent.name, error, runId, notifier);
      return { status: ON_FAILURE[kind].status, reply, runId, executionId, finalPhase: phase };
    }
  }

  /** Runs in flight, keyed by execution id, with their current phase. */
  inFlight(): Record<string, AgentExecutionState> {
    return this.states.getActiveExecutions();
  }

  report(): EngineReport {
    return {
      phases: this.states.getExecutionSummary(),
      timeouts: this.timeouts.stats(),
      heartbeats: this.monitor.getHealthStatus(),
      stuck: this.states.detectStuckExecutions(this.config.stuckAfterMs),
    };
  }

  private validate(request: AgentRunRequest): ChatAgent {
    if (!request.message?.trim()) throw new AgentRunError('EMPTY_MESSAGE', 'cannot run an agent on an empty message');
    const agent = this.agents.get(request.agentName);
    if (agent === undefined) throw new AgentRunError('UNKNOWN_AGENT', `no agent named ${request.agentName}`);
    return agent;
  }
}
