import {
  AgentExecutionPhase,
  createExecutionTracker,
  ManualClock,
  type AgentExecutionTracker,
} from '@aet/tracker-core';

/** A tracker for tests: no store, a manual clock (event timestamps), real sockets elsewhere. */
export function testTracker(): AgentExecutionTracker {
  return createExecutionTracker({ store: null, clock: new ManualClock(1_700_000_000_000) });
}

/**
 * One agent run of `userId` through the tracker: the five critical events (6 events in all).
 * `padding` characters are added to the tool's parameters (a big event).
 */
export function runChat(tracker: AgentExecutionTracker, userId: string, padding = 0): string {
  const id = tracker.createExecution({
    agentName: 'assistant',
    userId,
    threadId: `thread-${userId}`,
  });
  tracker.startExecution(id);
  for (const phase of [
    AgentExecutionPhase.WEBSOCKET_SETUP,
    AgentExecutionPhase.CONTEXT_VALIDATION,
    AgentExecutionPhase.STARTING,
    AgentExecutionPhase.THINKING,
    AgentExecutionPhase.TOOL_PREPARATION,
    AgentExecutionPhase.TOOL_EXECUTION,
  ]) {
    tracker.transitionState(id, phase, {
      metadata: {
        toolName: 'search',
        parameters: { q: userId, ...(padding > 0 ? { padding: 'x'.repeat(padding) } : {}) },
        reasoning: 'Looking it up',
      },
    });
  }
  tracker.toolCompleted(id, 'search', { result: { hits: 3 }, durationMs: 12 });
  tracker.completeExecution(id, { result: { finalResponse: `answer for ${userId}` } });
  return id;
}
