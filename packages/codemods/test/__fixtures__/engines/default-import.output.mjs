import { getExecutionTracker } from '@aet/tracker-core';

export async function beat(id) {
  getExecutionTracker().heartbeat(id);
}
