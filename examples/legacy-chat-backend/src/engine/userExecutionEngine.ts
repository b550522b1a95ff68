import { v4 as uuidv4 } from 'uuid';
import * as heartbeats from '@aet/legacy-shims/execution-tracker';
import type { AgentExecutionTimeoutManager } from '@aet/legacy-shims/execution-timeout-manager';
import { AgentStateTracker as PhaseTracker, AgentExecutionPhase } from '../legacy/index.js';
import type { AgentExecutionState } from '../legacy/index.js';
import type { ScriptedAgent } from '../agent/scriptedAgent.js';
import type { ActiveRun, RunOutcome, UserContext, WebSocketManager } from './types.js';

/** Runs one user's agent requests: phases, timeout, LLM breaker, heartbeats, events. */
export class UserExecutionEngine {
  static readonly AGENT_NAME = 'assistant';

  readonly engineId: string;
  // Phase tracking for this engine's runs.
  private readonly phaseTracker: PhaseTracker;
  // Engine-private run state, kept beside the trackers.
  private readonly activeRuns = new Map<string, ActiveRun>();
  // Heartbeats go to the older tracker, when the deployment has one.
  private readonly heartbeatTracker: heartbeats.ExecutionTracker | undefined;

  constructor(
    readonly context: UserContext,
    private readonly agentFactory: (name: string) => ScriptedAgent,
    private readonly websocketManager: WebSocketManager,
    private readonly timeoutManager: AgentExecutionTimeoutManager,
    phaseTracker?: PhaseTracker,
    heartbeatTracker: heartbeats.ExecutionTracker | undefined = heartbeats.getExecutionTracker(),
  ) {
    this.phaseTracker = phaseTracker ?? new PhaseTracker();
    this.heartbeatTracker = heartbeatTracker;
    this.engineId = `user_engine_${context.userId}_${context.runId}_${Date.now()}`;
  }

  get activeRunCount(): number {
    return this.activeRuns.size;
  }

  /** The engine's copy of a running run's phase state. */
  lastStateOf(runId: string): AgentExecutionState | undefined {
    return this.activeRuns.get(runId)?.lastState;
  }

  /** Runs the agent on `message` and reports every step to the user's WebSocket manager. */
  async executeAgent(message: string): Promise<RunOutcome> {
    const agentName = UserExecutionEngine.AGENT_NAME;
    const { userId, threadId, runId } = this.context;
    const correlationId = uuidv4(); // correlates the trackers' records of this run
    const executionId = this.phaseTracker.startExecution(agentName, runId, userId, { message });
    const heartbeatId = await this.heartbeatTracker?.registerExecution(
      agentName,
      correlationId,
      threadId,
      userId,
    );
    if (heartbeatId) await this.heartbeatTracker?.startExecution(heartbeatId);
    this.activeRuns.set(runId, { runId, agentName, startedAt: Date.now(), status: 'running' });

    // Set-up phases, then the agent starts.
    await this.phaseTracker.transitionPhase(executionId, AgentExecutionPhase.WEBSOCKET_SETUP);
    await this.phaseTracker.transitionPhase(executionId, AgentExecutionPhase.CONTEXT_VALIDATION);
    await this.phaseTracker.transitionPhase(
      executionId,
      AgentExecutionPhase.STARTING,
      { taskDescription: message },
      this.websocketManager,
    );

    const agent = this.agentFactory(agentName);
    try {
      const result = await this.timeoutManager.executeAgentWithTimeout(
        () =>
          agent.run(message, {
            phase: async (phase, metadata) => {
              await this.phaseTracker.transitionPhase(
                executionId,
                phase,
                metadata,
                this.websocketManager,
              );
              // Keep a copy of the tracker's state beside the run (the engine reads it for retries).
              const run = this.activeRuns.get(runId);
              if (run) run.lastState = this.phaseTracker.getExecutionState(executionId);
            },
            toolCompleted: (toolName, toolResult, durationMs) => {
              void this.websocketManager.notifyToolCompleted(runId, agentName, toolName, {
                result: toolResult,
                durationMs,
              });
            },
            heartbeat: async () => {
              if (heartbeatId) await this.heartbeatTracker?.heartbeat(heartbeatId);
            },
            callLlm: (call) =>
              this.timeoutManager.executeLlmWithCircuitBreaker(call, 'chat_completion'),
          }),
        agentName,
        runId,
        this.websocketManager,
      );
      await this.phaseTracker.transitionPhase(
        executionId,
        AgentExecutionPhase.COMPLETING,
        undefined,
        this.websocketManager,
      );
      await this.phaseTracker.transitionPhase(
        executionId,
        AgentExecutionPhase.COMPLETED,
        { finalResponse: result.finalResponse, toolName: result.toolName },
        this.websocketManager,
      );
      this.phaseTracker.completeExecution(executionId, true);
      if (heartbeatId) await this.heartbeatTracker?.completeExecution(heartbeatId, result);
      this.markRun(runId, 'completed');
      return { status: 'completed', finalResponse: result.finalResponse, executionId, runId };
    } catch (error) {
      this.phaseTracker.completeExecution(executionId, false);
      if (heartbeatId) {
        await this.heartbeatTracker?.completeExecution(
          heartbeatId,
          undefined,
          error instanceof Error ? error : String(error),
        );
      }
      this.markRun(runId, 'failed');
      if (error instanceof Error && error.name === 'ExecutionTimeoutError') {
        // The timeout manager has already told the user it timed out.
        return { status: 'timeout', executionId, runId };
      }
      const fallback = await this.timeoutManager.createFallbackResponse(
        agentName,
        error,
        runId,
        this.websocketManager,
      );
      return { status: 'fallback', message: fallback.message, executionId, runId };
    } finally {
      this.activeRuns.delete(runId);
    }
  }

  private markRun(runId: string, status: ActiveRun['status']): void {
    const run = this.activeRuns.get(runId);
    if (run) run.status = status;
  }
}
