/** One open client socket (ws in production, a stub in tests). */
export interface ClientConnection {
  readonly id: string;
  send(frame: string): void;
  readonly open: boolean;
}

export interface OutboundFrame {
  type: string;
  run_id: string;
  agent_name: string;
  user_id: string;
  timestamp: string;
  data: Record<string, unknown>;
}

/**
 * Pushes agent progress to the user's socket. The agent runtime calls these methods while a run
 * moves through its phases; frames for a closed socket are dropped.
 */
export class SocketNotifier {
  dropped = 0;

  constructor(
    private readonly userId: string,
    private readonly connection: ClientConnection | undefined,
  ) {}

  notifyAgentStarted(runId: string, agentName: string, context: Record<string, unknown>): void {
    this.push('agent_started', runId, agentName, { status: 'started', context });
  }

  notifyAgentThinking(runId: string, agentName: string, reasoning: string, stepNumber: number): void {
    this.push('agent_thinking', runId, agentName, { reasoning, step_number: stepNumber });
  }

  notifyToolExecuting(runId: string, agentName: string, toolName: string, parameters: unknown): void {
    this.push('tool_executing', runId, agentName, { tool_name: toolName, parameters });
  }

  notifyToolCompleted(runId: string, agentName: string, toolName: string, result: unknown): void {
    this.push('tool_completed', runId, agentName, { tool_name: toolName, result });
  }

  notifyAgentCompleted(runId: string, agentName: string, result: unknown, executionTimeMs: number): void {
    this.push('agent_completed', runId, agentName, { result, execution_time_ms: executionTimeMs });
  }

  notifyAgentError(runId: string, agentName: string, error: string, errorContext: Record<string, unknown>): void {
    this.push('agent_error', runId, agentName, { error_message: error, error_context: errorContext });
  }

  private push(type: string, runId: string, agentName: string, data: Record<string, unknown>): void {
    if (!this.connection?.open) {
      this.dropped++;
      return;
    }
    const frame: OutboundFrame = {
      type,
      run_id: runId,
      agent_name: agentName,
      user_id: this.userId,
      timestamp: new Date().toISOString(),
      data,
    };
    this.connection.send(JSON.stringify(frame));
  }
}
