import { getTimeoutManager } from '@aet/legacy-shims/execution-timeout-manager';

// The apology a user sees when the agent failed: the same call on the tracker.
export async function apologize(agent: string, error: unknown, runId: string): Promise<string> {
  const fallback = await getTimeoutManager().createFallbackResponse(agent, error, runId);
  return fallback.message;
}
