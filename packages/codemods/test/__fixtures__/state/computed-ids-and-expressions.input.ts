import { AgentStateTracker } from '@aet/legacy-shims/agent-state-tracker';
import { randomUUID } from 'node:crypto';

const tracker = new AgentStateTracker();
const runId = 'not the one the run uses';

export function runCommand(userId: string, threadId: string, command: string): Promise<string> {
  // one id per command
  const id = tracker.startExecution('command_router', `${threadId}:${randomUUID()}`, userId, { command });
  return Promise.resolve(command.trim())
    .then((reply) => {
      if (reply === '') throw new Error('empty');
      return reply;
    })
    .finally(() => tracker.completeExecution(id))
    .catch((error: unknown) => {
      void runId;
      return Promise.reject(error);
    });
}

export const end = (id: string, ok: boolean) => tracker.completeExecution(id, ok);

export function startNested(userId: string) {
  return [tracker.startExecution('router', randomUUID(), userId)];
}
