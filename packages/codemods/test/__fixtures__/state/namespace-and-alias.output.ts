import { createExecutionTracker, getExecutionTracker, type AgentStateView } from '@aet/tracker-core';

export const isolated = createExecutionTracker({ store: null });
export const shared = getExecutionTracker();
export const ssot = getExecutionTracker();

export function summary(): AgentStateView | undefined {
  return shared.getAgentState('exec_1');
}
