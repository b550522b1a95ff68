import { randomUUID } from 'node:crypto';
import { v4 as uuidv4 } from 'uuid';
import { UnifiedIDManager, getExecutionTracker, createExecutionTracker } from '@aet/tracker-core';

export function ids(agent: string, user: string) {
  const executionId = UnifiedIDManager.generateExecutionId();
  const runId = UnifiedIDManager.generateRunId();
  const run = { threadId: 't1', run_id: UnifiedIDManager.generateRunId() };
  const requestKey = uuidv4(); // not an execution id: left alone
  const execId = UnifiedIDManager.generateExecutionId();
  const correlation = randomUUID();
  return { executionId, runId, run, requestKey, execId, correlation };
}

export const own = getExecutionTracker();
export const configured = createExecutionTracker({ heartbeatTimeout: 5 });
