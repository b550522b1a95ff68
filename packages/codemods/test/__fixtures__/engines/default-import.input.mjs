import legacy from '@aet/legacy-shims/execution-tracker';

export async function beat(id) {
  await legacy.getExecutionTracker().heartbeat(id);
}
