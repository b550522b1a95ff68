// A module that drives phases directly.
import { AgentStateTracker, AgentExecutionPhase } from '@aet/legacy-shims/agent-state-tracker';

const tracker = new AgentStateTracker();

export async function run(agentName: string, runId: string, userId: string, ok: boolean) {
  const id = tracker.startExecution(agentName, runId, userId, { source: 'api' });
  await tracker.transitionPhase(id, AgentExecutionPhase.THINKING); // awaited
  void tracker.transitionPhase(id, AgentExecutionPhase.LLM_INTERACTION, { step: 1 });
  const pending = tracker.transitionPhase(id, AgentExecutionPhase.COMPLETING);
  /* keep this comment */
  tracker.completeExecution(id, ok);
  tracker.completeExecution(id);
  tracker.completeExecution(id, false);
  return { pending, state: tracker.getExecutionState(id), stuck: tracker.detectStuckExecutions(5_000) };
}
