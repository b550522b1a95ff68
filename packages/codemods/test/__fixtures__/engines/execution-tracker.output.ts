import { legacyHealthStatus, getExecutionTracker } from '@aet/tracker-core';

const heartbeats = getExecutionTracker();

export async function track(agent: string, correlation: string, thread: string, user: string) {
  const id = heartbeats.createExecution({
    agentName: agent,
    userId: user,
    threadId: thread,
    timeoutSeconds: 30,

    metadata: {
      correlationId: correlation
    }
  });
  const long = heartbeats.createExecution({
    agentName: agent,
    userId: user,
    threadId: thread,
    timeoutSeconds: 120,

    metadata: {
      correlationId: correlation
    }
  });
  heartbeats.startExecution(id);
  const alive = Promise.resolve(heartbeats.heartbeat(id));
  heartbeats.completeExecution(id, {
    result: { answer: 42 }
  });
  heartbeats.failExecution(long, new Error('boom'));
  // TODO(aet): completeExecution(id, result, error): call failExecution(id, error) when there is an error, else completeExecution(id, { result })
  await heartbeats.completeExecution(long, undefined, maybeError());
  heartbeats.cancelExecution(id, 'killed');
  // TODO(aet): registerRecoveryCallback(cb) has no single SSOT call: use tracker.onDeath(cb) and tracker.onTimeout(cb), and filter to your executions
  heartbeats.registerRecoveryCallback(() => undefined);
  return { alive, metrics: getExecutionTracker().getMetrics(), health: legacyHealthStatus(heartbeats) };
}

declare function maybeError(): Error | undefined;
