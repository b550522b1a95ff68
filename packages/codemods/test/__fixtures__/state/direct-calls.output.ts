// A module that drives phases directly.
import { getExecutionTracker, AgentExecutionPhase } from '@aet/tracker-core';

const tracker = getExecutionTracker();

export async function run(agentName: string, runId: string, userId: string, ok: boolean) {
  // TODO(aet): AgentStateTracker knew no thread id, heartbeat or deadline: threadId is the run id, and no heartbeat deadline and a 1 h deadline keep its behaviour; pass the real thread id and let one execution carry the run
  const id = tracker.createExecution({
    agentName,
    userId,
    threadId: runId,
    runId,
    metadata: { source: 'api' },
    timeoutSeconds: 3600,
    heartbeatTimeoutSeconds: null
  });
  tracker.transitionState(id, AgentExecutionPhase.THINKING, {
    policy: 'warn'
  }); // awaited
  void tracker.transitionState(id, AgentExecutionPhase.LLM_INTERACTION, {
    metadata: { step: 1 },
    policy: 'warn'
  });
  const pending = Promise.resolve(tracker.transitionState(id, AgentExecutionPhase.COMPLETING, {
    policy: 'warn'
  }));

  /* keep this comment */
  if (ok) {
    tracker.completeExecution(id);
  } else {
    tracker.failExecution(id, 'Agent execution failed');
  }

  tracker.cleanupState(id);
  tracker.completeExecution(id);
  tracker.cleanupState(id);
  tracker.failExecution(id, 'Agent execution failed');
  tracker.cleanupState(id);
  return { pending, state: tracker.getAgentState(id), stuck: tracker.findStuckExecutions(5_000) };
}
