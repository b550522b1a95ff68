import { randomUUID } from 'node:crypto';
import * as uuid from 'uuid';
import { v4 as uuidv4 } from 'uuid';
import { AgentExecutionTracker } from '@aet/tracker-core';

export function ids(agent: string, user: string) {
  const executionId = uuidv4();
  const runId = `run_${crypto.randomUUID()}`;
  const run = { threadId: 't1', run_id: uuid.v4() };
  const requestKey = uuidv4(); // not an execution id: left alone
  const execId = `${agent}_${user}_${Date.now()}`;
  const correlation = randomUUID();
  return { executionId, runId, run, requestKey, execId, correlation };
}

export const own = new AgentExecutionTracker();
export const configured = new AgentExecutionTracker({ heartbeatTimeout: 5 });
