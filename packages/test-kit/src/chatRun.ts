import { AgentExecutionPhase as P, type AgentExecutionTracker } from '@aet/tracker-core';

/** Options of {@link runChat}. */
export interface ChatRunOptions {
  /** The tool call's parameters. @default `{ q: userId }` */
  readonly toolParameters?: unknown;
}

/**
 * One complete agent run of `userId` on `tracker`, synchronously: set-up phases, thinking, the
 * tool `search` (result `{ hits: 3 }` in 12 ms), completion with the final response `answer for
 * <userId>`. It emits six events, the five critical ones among them: `agent_started`,
 * `agent_thinking` ×2, `tool_executing`, `tool_completed`, `agent_completed`. Returns its id.
 */
export function runChat(
  tracker: AgentExecutionTracker,
  userId: string,
  options: ChatRunOptions = {},
): string {
  const id = tracker.createExecution({
    agentName: 'assistant',
    userId,
    threadId: `thread-${userId}`,
  });
  tracker.startExecution(id);
  const metadata = {
    toolName: 'search',
    parameters: options.toolParameters ?? { q: userId },
    reasoning: 'Looking it up',
  };
  for (const phase of [
    P.WEBSOCKET_SETUP,
    P.CONTEXT_VALIDATION,
    P.STARTING,
    P.THINKING,
    P.TOOL_PREPARATION,
    P.TOOL_EXECUTION,
  ])
    tracker.transitionState(id, phase, { metadata });
  tracker.toolCompleted(id, 'search', { result: { hits: 3 }, durationMs: 12 });
  tracker.completeExecution(id, { result: { finalResponse: `answer for ${userId}` } });
  return id;
}
