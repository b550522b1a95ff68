// Re-export barrel: the rest of the app imports the tracking APIs from here.
export { AgentStateTracker, AgentExecutionPhase } from '@aet/legacy-shims/agent-state-tracker';
export type { AgentExecutionState } from '@aet/legacy-shims/agent-state-tracker';
export {
  AgentExecutionTimeoutManager,
  getTimeoutManager,
  configureTimeoutManager,
} from '@aet/legacy-shims/execution-timeout-manager';
