import type { AgentExecutionState } from '../legacy/index.js';

/** Who a request runs for. */
export interface UserContext {
  readonly userId: string;
  readonly threadId: string;
  readonly runId: string;
}

/** The legacy duck-typed WebSocket manager the engines report through. */
export interface WebSocketManager {
  notifyAgentStarted(
    runId: string,
    agentName: string,
    context: Record<string, unknown>,
  ): Promise<void>;
  notifyAgentThinking(
    runId: string,
    agentName: string,
    reasoning: string,
    stepNumber: number,
  ): Promise<void>;
  notifyToolExecuting(
    runId: string,
    agentName: string,
    toolName: string,
    parameters: unknown,
  ): Promise<void>;
  notifyToolCompleted(
    runId: string,
    agentName: string,
    toolName: string,
    result: unknown,
  ): Promise<void>;
  notifyAgentCompleted(
    runId: string,
    agentName: string,
    result: unknown,
    executionTimeMs: number,
  ): Promise<void>;
  notifyAgentError(
    runId: string,
    agentName: string,
    error: string,
    errorContext: Record<string, unknown>,
  ): Promise<void>;
}

/** What a run ends with. */
export type RunOutcome = { readonly runId: string; readonly executionId: string } & (
  | { readonly status: 'completed'; readonly finalResponse: string }
  | { readonly status: 'timeout' }
  | { readonly status: 'fallback'; readonly message: string }
);

/** An engine-private view of a run (duplicates what the trackers know). */
export interface ActiveRun {
  readonly runId: string;
  readonly agentName: string;
  readonly startedAt: number;
  status: 'running' | 'completed' | 'failed';
  lastState?: AgentExecutionState;
}
