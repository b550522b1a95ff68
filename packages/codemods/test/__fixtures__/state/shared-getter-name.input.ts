// The legacy ExecutionTracker's getter has the SSOT's name: until the engines phase moves it,
// the state phase imports the SSOT's under an alias.
import { getAgentStateTracker } from '@aet/legacy-shims/agent-state-tracker';
import { getExecutionTracker } from '@aet/legacy-shims/execution-tracker';

export function overview(): { running: number; jobsHealthy: boolean } {
  const running = Object.keys(getAgentStateTracker().getActiveExecutions()).length;
  return { running, jobsHealthy: getExecutionTracker().getHealthStatus().healthy };
}
