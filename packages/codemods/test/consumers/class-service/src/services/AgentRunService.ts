import { AgentExecutionPhase, AgentStateTracker, getAgentStateTracker } from '@aet/legacy-shims/agent-state-tracker';
import { AgentExecutionTimeoutManager, getTimeoutManager } from '@aet/legacy-shims/execution-timeout-manager';
import type { ExecutionTracker } from '@aet/legacy-shims/execution-tracker';
import type { Agent } from '../agents.js';
import { AgentEngine, InvalidMessageError, isTimeoutError } from '../engine/AgentEngine.js';
import type { ChatSocketNotifier } from '../realtime/ChatSocketNotifier.js';
import { newRunId } from '../util/ids.js';

export type ChatRequest = { userId: string; threadId: string; message: string; agent?: string };

export interface ChatOutcome {
  readonly runId: string;
  readonly agent: string;
  readonly status: 'completed' | 'failed' | 'timeout' | 'rejected';
  readonly reply: string;
  readonly fallback: boolean;
  readonly durationMs: number;
}

export class UnknownAgentError extends Error {}

const COMMANDS: Record<string, string> = {
  '/help': 'Ask me anything about the product, or type /report for your monthly usage.',
  '/ping': 'pong',
};

export class AgentRunService {
  private readonly agents = new Map<string, Agent>();
  private readonly inFlight = new Map<string, string>(); // runId -> watchdog execution id
  private readonly lost: string[] = [];

  constructor(
    private readonly engine: AgentEngine,
    private readonly notifier: ChatSocketNotifier,
    private readonly states: AgentStateTracker = getAgentStateTracker(),
    private readonly timeouts: AgentExecutionTimeoutManager = getTimeoutManager(),
    private readonly executions?: ExecutionTracker,
    private readonly watchdogSeconds = 60,
  ) {
    this.executions?.registerRecoveryCallback((execution) => this.onLostExecution(execution.id));
  }

  register(agent: Agent): this {
    this.agents.set(agent.name, agent);
    return this;
  }

  // runs the watchdog gave up on (timed out or dead) since boot
  get lostRuns(): readonly string[] {
    return this.lost;
  }

  async handleMessage(req: ChatRequest): Promise<ChatOutcome> {
    const agent = this.agents.get(req.agent ?? 'support_agent');
    if (agent === undefined) throw new UnknownAgentError(`no agent named ${req.agent}`);
    const runId = newRunId(req.threadId);
    const startedAt = Date.now();
    const outcome = (status: ChatOutcome['status'], reply: string, fallback = false): ChatOutcome =>
      ({ runId, agent: agent.name, status, reply, fallback, durationMs: Date.now() - startedAt });

    this.notifier.bindRun(runId, req.userId);
    const executionId = await this.executions?.registerExecution(agent.name, runId, req.threadId, req.userId, this.watchdogSeconds);
    if (executionId !== undefined) {
      this.inFlight.set(runId, executionId);
      await this.executions?.startExecution(executionId);
    }
    return this.engine
      .execute(agent, { runId, userId: req.userId, message: req.message, executionId })
      .then(async (reply) => {
        if (executionId !== undefined) await this.finishExecution(executionId, { reply });
        return outcome('completed', reply);
      })
      .catch(async (error: unknown) => {
        if (executionId !== undefined) await this.finishExecution(executionId, undefined, error instanceof Error ? error : String(error));
        if (error instanceof InvalidMessageError) return outcome('rejected', error.message);
        const fallback = await this.timeouts.createFallbackResponse(agent.name, error, runId, this.notifier);
        return outcome(isTimeoutError(error) ? 'timeout' : 'failed', fallback.message, true);
      })
      .finally(() => {
        this.inFlight.delete(runId);
        this.notifier.releaseRun(runId);
      });
  }

  /** Slash commands are answered without an agent, but still show up as runs. */
  runCommand(userId: string, threadId: string, command: string): Promise<string> {
    const id = this.states.startExecution('command_router', newRunId(threadId), userId, { command });
    const reply = COMMANDS[command.trim().toLowerCase()];
    return this.states
      .transitionPhase(id, AgentExecutionPhase.WEBSOCKET_SETUP)
      .then(() => this.states.transitionPhase(id, AgentExecutionPhase.CONTEXT_VALIDATION))
      .then(() => {
        if (reply === undefined) throw new Error(`unknown command ${command}`);
      })
      .then(() => this.states.transitionPhase(id, AgentExecutionPhase.COMPLETED))
      .then(() => this.states.completeExecution(id))
      .then(() => reply as string)
      .catch((error: unknown) =>
        this.states
          .transitionPhase(id, AgentExecutionPhase.FAILED, { error: String(error) })
          .then(() => this.states.completeExecution(id, false))
          .then(() => Promise.reject(error)),
      );
  }

  finishExecution(executionId: string, result: unknown, error?: string | Error): Promise<void> {
    return this.executions?.completeExecution(executionId, result, error) ?? Promise.resolve();
  }

  async cancelRun(runId: string, reason = 'cancelled by user'): Promise<boolean> {
    const executionId = this.inFlight.get(runId);
    if (executionId === undefined || this.executions === undefined) return false;
    return this.executions.killExecution(executionId, reason);
  }

  activeRuns(userId?: string) {
    return Object.values(this.states.getActiveExecutions())
      .filter((s) => userId === undefined || s.userId === userId)
      .map((s) => ({ runId: s.runId, userId: s.userId, agent: s.agentName, phase: s.currentPhase, since: s.startTime }));
  }

  stuckRuns(thresholdMs = 30_000): string[] {
    return this.states
      .detectStuckExecutions(thresholdMs)
      .flatMap((id) => this.states.getExecutionState(id)?.runId ?? []);
  }

  /** What GET /healthz shows. */
  health() {
    const stats = this.timeouts.getExecutionStats();
    const summary = this.states.getExecutionSummary();
    const watchdog = this.executions?.getHealthStatus();
    return {
      status: stats.circuitBreakerState !== 'closed' || watchdog?.healthy === false ? ('degraded' as const) : ('ok' as const),
      llm: { breaker: stats.circuitBreakerState, consecutiveFailures: stats.circuitBreakerFailures, timeoutSeconds: stats.config.llmTimeout },
      agents: { inFlight: stats.activeExecutions, timeoutSeconds: stats.config.agentTimeout, avgRunSeconds: stats.executionDurations?.avg ?? null },
      runs: { active: summary.activeExecutions, finished: summary.completedExecutions, successRatePct: Math.round(summary.successRate) },
      watchdog: watchdog && {
        total: watchdog.totalExecutions,
        failed: watchdog.failedExecutions,
        timedOut: watchdog.timeoutExecutions,
        stuck: watchdog.stuckExecutions,
      },
    };
  }

  private onLostExecution(executionId: string): void {
    for (const [runId, id] of this.inFlight) {
      if (id !== executionId) continue;
      this.lost.push(runId);
      this.notifier.notifyAgentError(runId, 'watchdog', 'This request is taking longer than expected', { error_type: 'watchdog' });
    }
  }
}
