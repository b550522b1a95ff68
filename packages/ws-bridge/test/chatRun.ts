import { createExecutionTracker, ManualClock, type AgentExecutionTracker } from '@aet/tracker-core';
import { runChat as runChatOn } from '@aet/test-kit';

/** A tracker for tests: no store, a manual clock (event timestamps), real sockets elsewhere. */
export function testTracker(): AgentExecutionTracker {
  return createExecutionTracker({ store: null, clock: new ManualClock(1_700_000_000_000) });
}

/**
 * The test-kit's complete run of `userId` (six events, the five critical ones among them), with
 * `padding` characters added to the tool's parameters (a big event).
 */
export function runChat(tracker: AgentExecutionTracker, userId: string, padding = 0): string {
  return runChatOn(tracker, userId, {
    toolParameters: { q: userId, ...(padding > 0 ? { padding: 'x'.repeat(padding) } : {}) },
  });
}
