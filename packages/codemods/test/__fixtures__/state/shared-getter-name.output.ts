// The legacy ExecutionTracker's getter has the SSOT's name: until the engines phase moves it,
// the state phase imports the SSOT's under an alias.
import { getExecutionTracker } from '@aet/legacy-shims/execution-tracker';
import { getExecutionTracker as ssotGetExecutionTracker } from '@aet/tracker-core';

export function overview(): { running: number; jobsHealthy: boolean } {
  // TODO(aet): getActiveExecutions() returns ExecutionRecord[] now, not an object keyed by id
  const running = Object.keys(ssotGetExecutionTracker().getActiveExecutions()).length;
  return { running, jobsHealthy: getExecutionTracker().getHealthStatus().healthy };
}
