import { AgentExecutionPhase, AgentStateTracker, getAgentStateTracker } from '@aet/legacy-shims/agent-state-tracker';
import { AgentExecutionTimeoutManager, getTimeoutManager } from '@aet/legacy-shims/execution-timeout-manager';
import type { ExecutionTracker } from '@aet/legacy-shims/execution-tracker';
import type { Agent, AgentContext, LlmClient } from '../agents.js';
import type { ChatSocketNotifier } from '../realtime/ChatSocketNotifier.js';
import { errorMessage, normalizeWhitespace, truncate } from '../util/text.js';

// executionId: the service's watchdog execution, if any
export type EngineRun = { runId: string; userId: string; message: string; executionId?: string };

export class InvalidMessageError extends Error {}
export class RunAbandonedError extends Error {}

export const isTimeoutError = (error: unknown): boolean => error instanceof Error && /timed out/i.test(error.message);

const P = AgentExecutionPhase;
const MAX_REPLY_CHARS = 2000;

/** Drives one agent over one user message and reports every phase to the user's socket. */
export class AgentEngine {
  private readonly stateTracker: AgentStateTracker;
  private readonly timeouts: AgentExecutionTimeoutManager;
  private readonly monitor?: ExecutionTracker;

  constructor(
    private readonly llm: LlmClient,
    private readonly notifier: ChatSocketNotifier,
    deps: { stateTracker?: AgentStateTracker; timeouts?: AgentExecutionTimeoutManager; monitor?: ExecutionTracker } = {},
    private readonly maxMessageChars = 4000,
  ) {
    this.stateTracker = deps.stateTracker ?? getAgentStateTracker();
    this.timeouts = deps.timeouts ?? getTimeoutManager();
    this.monitor = deps.monitor;
  }

  get tracker(): AgentStateTracker {
    return this.stateTracker;
  }

  execute(agent: Agent, run: EngineRun): Promise<string> {
    const id = this.tracker.startExecution(agent.name, run.runId, run.userId, { chars: run.message.length });
    return this.tracker
      .transitionPhase(id, P.WEBSOCKET_SETUP, undefined, this.notifier)
      .then(() => this.tracker.transitionPhase(id, P.CONTEXT_VALIDATION))
      .then(() => {
        if (normalizeWhitespace(run.message) === '') throw new InvalidMessageError('message is empty');
        if (run.message.length > this.maxMessageChars) throw new InvalidMessageError('message is too long');
      })
      .then(() => this.tracker.transitionPhase(id, P.STARTING, { agent: agent.name }, this.notifier))
      .then(() =>
        this.timeouts.executeAgentWithTimeout(() => this.drive(id, agent, run), agent.name, run.runId, this.notifier),
      )
      .then(async (reply) => {
        await this.tracker.transitionPhase(id, P.COMPLETING, undefined, this.notifier);
        await this.tracker.transitionPhase(id, P.COMPLETED, { replyChars: reply.length }, this.notifier);
        this.stateTracker.completeExecution(id);
        return reply;
      })
      .catch(async (error: unknown) => {
        const phase = isTimeoutError(error) ? P.TIMEOUT : P.FAILED;
        await this.tracker.transitionPhase(id, phase, { error: errorMessage(error) }, this.notifier);
        this.stateTracker.completeExecution(id, false);
        throw error;
      });
  }

  private async drive(id: string, agent: Agent, run: EngineRun): Promise<string> {
    await this.tracker.transitionPhase(id, P.THINKING, undefined, this.notifier);
    this.pulse(run);
    const ctx: AgentContext = {
      runId: run.runId,
      userId: run.userId,
      askLlm: async (prompt) => {
        this.ensureLive(id);
        await this.tracker.transitionPhase(id, P.LLM_INTERACTION, { promptChars: prompt.length }, this.notifier);
        const answer = await this.timeouts.executeLlmWithCircuitBreaker(() => this.llm.complete(prompt), `${agent.name}.completion`);
        this.pulse(run);
        return answer;
      },
      useTool: async (toolName, parameters, call) => {
        this.ensureLive(id);
        await this.tracker.transitionPhase(id, P.TOOL_PREPARATION, undefined, this.notifier);
        await this.tracker.transitionPhase(id, P.TOOL_EXECUTION, { toolName, parameters }, this.notifier);
        const result = await this.timeouts.executeWithRetry(call, `${agent.name}.${toolName}`);
        this.notifier.notifyToolCompleted(run.runId, agent.name, toolName, result);
        this.pulse(run);
        return result;
      },
    };
    const raw = await agent.run(run.message, ctx);
    this.ensureLive(id);
    await this.tracker.transitionPhase(id, P.RESULT_PROCESSING, undefined, this.notifier);
    return truncate(normalizeWhitespace(raw), MAX_REPLY_CHARS);
  }

  // The timeout manager gives up on a slow run but cannot stop the agent: a late agent must not
  // go on calling the LLM for a run that is already over.
  private ensureLive(id: string): void {
    if (this.tracker.getExecutionState(id) === undefined) throw new RunAbandonedError(`run ${id} is no longer active`);
  }

  private pulse(run: EngineRun): void {
    if (run.executionId !== undefined) void this.monitor?.heartbeat(run.executionId);
  }
}
