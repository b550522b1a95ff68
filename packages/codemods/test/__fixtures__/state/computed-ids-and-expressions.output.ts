import { legacyCompleteExecution, getExecutionTracker } from '@aet/tracker-core';
import { randomUUID } from 'node:crypto';

const tracker = getExecutionTracker();
const runId = 'not the one the run uses';

export function runCommand(userId: string, threadId: string, command: string): Promise<string> {
  // one id per command
  const runId2 = `${threadId}:${randomUUID()}`;

  // TODO(aet): AgentStateTracker knew no thread id, heartbeat or deadline: threadId is the run id, and no heartbeat deadline and a 1 h deadline keep its behaviour; pass the real thread id and let one execution carry the run
  const id = tracker.createExecution({
    agentName: 'command_router',
    userId,
    threadId: runId2,
    runId: runId2,
    metadata: { command },
    timeoutSeconds: 3600,
    heartbeatTimeoutSeconds: null
  });
  return Promise.resolve(command.trim())
    .then((reply) => {
      if (reply === '') throw new Error('empty');
      return reply;
    })
    .finally(() => legacyCompleteExecution(tracker, id))
    .catch((error: unknown) => {
      void runId;
      return Promise.reject(error);
    });
}

export const end = (id: string, ok: boolean) => legacyCompleteExecution(tracker, id, ok);

export function startNested(userId: string) {
  // TODO(aet): the run id is computed: bind it to a variable, then rerun aet migrate
  return [tracker.startExecution('router', randomUUID(), userId)];
}
