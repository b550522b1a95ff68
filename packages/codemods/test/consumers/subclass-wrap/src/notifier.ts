// Pushes agent progress to the customer's browser; the trackers call the notify* methods.

export interface ChatSocket { readonly readyState: number; send(data: string): void } // ws or browser WebSocket

export interface OutgoingFrame { type: string; userId: string; runId: string; agentName: string; payload: Record<string, unknown> }

export class ChatSocketNotifier {
  delivered = 0;
  dropped = 0;

  constructor(readonly userId: string, private readonly socket: ChatSocket) {}

  notifyAgentStarted(runId: string, agentName: string, context: Record<string, unknown>) {
    this.push('agent_started', runId, agentName, { context });
  }
  notifyAgentThinking(runId: string, agentName: string, reasoning: string, stepNumber: number) {
    this.push('agent_thinking', runId, agentName, { reasoning, step_number: stepNumber });
  }
  notifyToolExecuting(runId: string, agentName: string, toolName: string, parameters: unknown) {
    this.push('tool_executing', runId, agentName, { tool_name: toolName, parameters });
  }
  notifyToolCompleted(runId: string, agentName: string, toolName: string, result: unknown) {
    this.push('tool_completed', runId, agentName, { tool_name: toolName, result });
  }
  notifyAgentCompleted(runId: string, agentName: string, result: unknown, executionTimeMs: number) {
    this.push('agent_completed', runId, agentName, { result, execution_time_ms: executionTimeMs });
  }
  notifyAgentError(runId: string, agentName: string, error: string, errorContext: Record<string, unknown>) {
    this.push('agent_error', runId, agentName, { error_message: error, error_context: errorContext });
  }
  sendNotice(text: string) {
    this.push('notice', '', 'system', { message: text });
  }

  private push(type: string, runId: string, agentName: string, payload: Record<string, unknown>) {
    const frame: OutgoingFrame = { type, userId: this.userId, runId, agentName, payload };
    try {
      if (this.socket.readyState !== 1) throw new Error('socket closed');
      this.socket.send(JSON.stringify(frame));
      this.delivered++;
    } catch {
      this.dropped++; // a broken connection must never fail the agent run
    }
  }
}
