import type { WebSocketManager } from '../engine/types.js';
import type { ConnectionRegistry } from './connectionRegistry.js';

/**
 * The legacy WebSocket manager, bound to one user: every notification becomes a JSON frame sent
 * to that user's sockets, with the fields the mission-critical validator required.
 */
export class WebSocketNotifier implements WebSocketManager {
  constructor(
    private readonly connections: ConnectionRegistry,
    private readonly userId: string,
    private readonly threadId: string,
  ) {}

  notifyAgentStarted(
    runId: string,
    agentName: string,
    context: Record<string, unknown>,
  ): Promise<void> {
    const metadata = (context.metadata ?? {}) as Record<string, unknown>;
    return this.send('agent_started', runId, agentName, {
      task_description:
        typeof metadata.taskDescription === 'string'
          ? metadata.taskDescription
          : 'Processing request',
    });
  }

  notifyAgentThinking(
    runId: string,
    agentName: string,
    reasoning: string,
    stepNumber: number,
  ): Promise<void> {
    return this.send('agent_thinking', runId, agentName, { reasoning, step_number: stepNumber });
  }

  notifyToolExecuting(
    runId: string,
    agentName: string,
    toolName: string,
    parameters: unknown,
  ): Promise<void> {
    const params = (parameters ?? {}) as Record<string, unknown>;
    return this.send('tool_executing', runId, agentName, {
      tool_name: toolName,
      parameters: 'parameters' in params ? params.parameters : params,
    });
  }

  notifyToolCompleted(
    runId: string,
    agentName: string,
    toolName: string,
    result: unknown,
  ): Promise<void> {
    const outcome = (result ?? {}) as { result?: unknown; durationMs?: number };
    return this.send('tool_completed', runId, agentName, {
      tool_name: toolName,
      results: outcome.result,
      duration: outcome.durationMs ?? 0,
      success: true,
    });
  }

  notifyAgentCompleted(
    runId: string,
    agentName: string,
    result: unknown,
    executionTimeMs: number,
  ): Promise<void> {
    const value = (result ?? {}) as Record<string, unknown>;
    const metadata = (value.metadata ?? {}) as Record<string, unknown>;
    const fallback = value.fallback === true;
    const finalResponse = fallback
      ? String(value.message)
      : typeof metadata.finalResponse === 'string'
        ? metadata.finalResponse
        : 'Task completed';
    return this.send('agent_completed', runId, agentName, {
      status: fallback ? 'failed' : 'completed',
      final_response: finalResponse,
      fallback,
      execution_time_ms: executionTimeMs,
    });
  }

  notifyAgentError(
    runId: string,
    agentName: string,
    error: string,
    errorContext: Record<string, unknown>,
  ): Promise<void> {
    return this.send('agent_error', runId, agentName, {
      error,
      error_type: errorContext.error_type ?? 'error',
    });
  }

  private send(
    type: string,
    runId: string,
    agentName: string,
    fields: Record<string, unknown>,
  ): Promise<void> {
    this.connections.sendToUser(this.userId, {
      type,
      run_id: runId,
      agent_name: agentName,
      user_id: this.userId,
      thread_id: this.threadId,
      timestamp: new Date().toISOString(),
      ...fields,
    });
    return Promise.resolve();
  }
}
