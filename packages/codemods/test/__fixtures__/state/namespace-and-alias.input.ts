import * as legacy from '@aet/legacy-shims/agent-state-tracker';
import { AgentStateTracker as PhaseTracker } from '@aet/legacy-shims/agent-state-tracker';
import { createExecutionTracker, getExecutionTracker } from '@aet/tracker-core';

export const isolated = new PhaseTracker({ tracker: createExecutionTracker({ store: null }) });
export const shared = legacy.getAgentStateTracker();
export const ssot = getExecutionTracker();

export function summary(): legacy.AgentExecutionState | undefined {
  return shared.getExecutionState('exec_1');
}
