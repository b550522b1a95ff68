// Pushes agent progress to the user's chat sockets; runs are bound to their user while they last.

export interface SocketFrame {
  readonly type: string;
  readonly runId: string;
  readonly agentName: string;
  readonly payload: Record<string, unknown>;
  readonly timestamp: string;
}

export type SocketTransport = (userId: string, frame: SocketFrame) => void;

export class ChatSocketNotifier {
  private readonly owners = new Map<string, string>();

  constructor(private readonly transport: SocketTransport) {}

  bindRun(runId: string, userId: string): void {
    this.owners.set(runId, userId);
  }

  releaseRun(runId: string): void {
    this.owners.delete(runId);
  }

  notifyAgentStarted(runId: string, agentName: string, context: Record<string, unknown>): void {
    this.push(runId, agentName, 'agent_started', { status: 'started', context });
  }

  notifyAgentThinking(runId: string, agentName: string, reasoning: string, stepNumber: number): void {
    this.push(runId, agentName, 'agent_thinking', { reasoning, step_number: stepNumber });
  }

  notifyToolExecuting(runId: string, agentName: string, toolName: string, parameters: unknown): void {
    this.push(runId, agentName, 'tool_executing', { tool_name: toolName, parameters });
  }

  notifyToolCompleted(runId: string, agentName: string, toolName: string, result: unknown): void {
    this.push(runId, agentName, 'tool_completed', { tool_name: toolName, result });
  }

  notifyAgentCompleted(runId: string, agentName: string, result: unknown, executionTimeMs: number): void {
    this.push(runId, agentName, 'agent_completed', { result, execution_time_ms: executionTimeMs });
  }

  notifyAgentError(runId: string, agentName: string, error: string, errorContext: Record<string, unknown>): void {
    this.push(runId, agentName, 'agent_error', { error_message: error, error_context: errorContext });
  }

  private push(runId: string, agentName: string, type: string, payload: Record<string, unknown>): void {
    const userId = this.owners.get(runId);
    if (userId === undefined) return; // the user went away: nobody to tell
    this.transport(userId, { type, runId, agentName, payload, timestamp: new Date().toISOString() });
  }
}
