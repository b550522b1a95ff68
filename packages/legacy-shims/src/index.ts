// @aet/legacy-shims: the legacy APIs on top of the SSOT tracker. Everything here is deprecated;
// `aet migrate` rewrites its users onto @aet/tracker-core, phase by phase.

export {
  AgentExecutionPhase,
  AgentStateTracker,
  getAgentStateTracker,
} from './agentStateTracker.js';
export type { AgentStateTrackerOptions } from './agentStateTracker.js';
export {
  AgentExecutionTimeoutManager,
  configureTimeoutManager,
  getTimeoutManager,
} from './executionTimeoutManager.js';
export type { TimeoutConfig, TimeoutManagerOptions } from './executionTimeoutManager.js';
export {
  ExecutionState,
  ExecutionTracker,
  getExecutionTracker,
  initExecutionTracker,
} from './executionTracker.js';
export type { RecoveryCallback } from './executionTracker.js';
export type {
  AgentExecutionState,
  ExecutionStats,
  ExecutionSummary,
  HealthStatus,
} from './legacyShapes.js';
export type { ShimOptions } from './resolveTracker.js';
export { DEPRECATIONS } from './deprecation.js';
export type { DeprecatedApi } from './deprecation.js';
