import { getExecutionTracker } from '@aet/tracker-core';

// The apology a user sees when the agent failed: the same call on the tracker.
export async function apologize(agent: string, error: unknown, runId: string): Promise<string> {
  const fallback = await getExecutionTracker().createFallbackResponse(agent, error, runId);
  return fallback.message;
}
