// The tracking barrel the app imports from.
export { AgentStateTracker, AgentExecutionPhase } from '@aet/legacy-shims/agent-state-tracker';
export type { AgentExecutionState } from '@aet/legacy-shims/agent-state-tracker';
export { AgentExecutionPhase as Phase } from '@aet/legacy-shims';
