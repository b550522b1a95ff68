// The WebSocket side: a hub of user connections and the notifier objects the agent trackers call.

export type Frame = { type: string; runId: string; agentName: string; payload: Record<string, unknown>; at: string };

type Socket = { send(data: string): void };

export function createConnectionHub() {
  const sockets = new Map<string, Socket[]>();
  const sent = new Map<string, Frame[]>();
  return {
    connect(userId: string, socket: Socket): () => void {
      sockets.set(userId, [...(sockets.get(userId) ?? []), socket]);
      return () => sockets.set(userId, (sockets.get(userId) ?? []).filter((s) => s !== socket));
    },
    push(userId: string, frame: Frame): void {
      sent.set(userId, [...(sent.get(userId) ?? []), frame]);
      (sockets.get(userId) ?? []).forEach((socket) => socket.send(JSON.stringify(frame)));
    },
    framesFor: (userId: string): readonly Frame[] => sent.get(userId) ?? [],
    typesFor: (userId: string): string[] => (sent.get(userId) ?? []).map((f) => f.type),
  };
}

export type ConnectionHub = ReturnType<typeof createConnectionHub>;

/** The duck-typed "websocket manager" the legacy trackers expect, bound to one user. */
export function notifierFor(hub: ConnectionHub, userId: string) {
  const emit = (type: string, runId: string, agentName: string, payload: Record<string, unknown>) =>
    hub.push(userId, { type, runId, agentName, payload, at: new Date().toISOString() });
  return {
    notifyAgentStarted: (runId: string, agentName: string, context: Record<string, unknown>) =>
      emit('agent_started', runId, agentName, { context }),
    notifyAgentThinking: (runId: string, agentName: string, reasoning: string, stepNumber: number) =>
      emit('agent_thinking', runId, agentName, { reasoning, stepNumber }),
    notifyToolExecuting: (runId: string, agentName: string, toolName: string, parameters: unknown) =>
      emit('tool_executing', runId, agentName, { toolName, parameters }),
    notifyToolCompleted: (runId: string, agentName: string, toolName: string, result: unknown) =>
      emit('tool_completed', runId, agentName, { toolName, result }),
    notifyAgentCompleted: (runId: string, agentName: string, result: unknown, executionTimeMs: number) =>
      emit('agent_completed', runId, agentName, { result, executionTimeMs }),
    notifyAgentError: (runId: string, agentName: string, error: string, errorContext: Record<string, unknown>) =>
      emit('agent_error', runId, agentName, { error, errorContext }),
  };
}

export type Notifier = ReturnType<typeof notifierFor>;
