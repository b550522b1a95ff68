// The app's tracking barrel.
export { AgentStateTracker } from '@aet/legacy-shims/agent-state-tracker';
export { AgentExecutionPhase } from '@aet/tracker-core';
export type { AgentExecutionState } from '@aet/legacy-shims/agent-state-tracker';
