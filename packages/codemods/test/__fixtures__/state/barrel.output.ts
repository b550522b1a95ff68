// The tracking barrel the app imports from.
export { AgentStateTracker } from '@aet/legacy-shims/agent-state-tracker';
export { AgentExecutionPhase } from '@aet/tracker-core';
export type { AgentExecutionState } from '@aet/legacy-shims/agent-state-tracker';
export { AgentExecutionPhase as Phase } from '@aet/tracker-core';
