import { ExecutionTracker, getExecutionTracker } from '@aet/legacy-shims/execution-tracker';

const heartbeats = new ExecutionTracker();

export async function track(agent: string, correlation: string, thread: string, user: string) {
  const id = await heartbeats.registerExecution(agent, correlation, thread, user);
  const long = await heartbeats.registerExecution(agent, correlation, thread, user, 120);
  await heartbeats.startExecution(id);
  const alive = heartbeats.heartbeat(id);
  await heartbeats.completeExecution(id, { answer: 42 });
  await heartbeats.completeExecution(long, undefined, new Error('boom'));
  await heartbeats.completeExecution(long, undefined, maybeError());
  await heartbeats.killExecution(id);
  heartbeats.registerRecoveryCallback(() => undefined);
  return { alive, metrics: getExecutionTracker().collectMetrics(), health: heartbeats.getHealthStatus() };
}

declare function maybeError(): Error | undefined;
