// The public door of @aet/tracker-core. Anything not exported here is internal.

export { AgentExecutionTracker } from './agentExecutionTracker.js';
export {
  configureExecutionTracker,
  createExecutionTracker,
  getExecutionTracker,
  shutdownExecutionTracker,
} from './executionTrackerSingleton.js';
export type {
  CreateExecutionOptions,
  ExecutionEndCallback,
  RetryOverrides,
  ToolCompletedOptions,
  AttachedWorkOptions,
  TrackExecutionOptions,
  TransitionOptions,
  UpdateStateOptions,
} from './trackerOptions.js';
export type { AgentStateView, ExecutionFullContext, TimeoutStatus } from './executionViews.js';

export {
  EXECUTION_STATES,
  ExecutionState,
  isAliveState,
  isExecutionState,
  isStateTransitionAllowed,
  isTerminalState,
} from './executionState.js';
export type { AliveExecutionState, TerminalExecutionState } from './executionState.js';

export {
  AGENT_EXECUTION_PHASES,
  AgentExecutionPhase,
  allowedPhasesAfter,
  isAgentExecutionPhase,
  isPhaseTransitionAllowed,
  isTerminalPhase,
} from './agentExecutionPhase.js';

export type { ExecutionRecord, PhaseTransition } from './executionRecord.js';

export { ID_PREFIXES, IdType, UnifiedIDManager } from './unifiedIdManager.js';
export type { ParsedId } from './unifiedIdManager.js';

export {
  UNSCOPED_USER_ID,
  UserExecutionContextSchema,
  createUserExecutionContext,
  placeholderReason,
} from './userExecutionContext.js';
export type { UserExecutionContext, UserExecutionContextInput } from './userExecutionContext.js';
export { UserExecutionScope } from './userExecutionScope.js';
export type { ScopedCreateOptions, ScopedTrackOptions } from './userExecutionScope.js';

export {
  AdaptiveTimeoutConfigSchema,
  RetryJitter,
  TimeoutConfigSchema,
  TrackerConfigSchema,
  TransitionPolicy,
  parseTimeoutConfig,
  parseTrackerConfig,
} from './trackerConfig.js';
export type {
  AdaptiveTimeoutConfig,
  TimeoutConfig,
  TimeoutConfigInput,
  TrackerConfig,
  TrackerConfigInput,
} from './trackerConfig.js';

export { isClock, sleep } from './clock.js';
export type { Clock, ClockTimer } from './clock.js';
export { SystemClock, systemClock } from './systemClock.js';
export { legacyCompleteExecution, LEGACY_FAILURE_MESSAGE } from './legacyCompleteExecution.js';
export { legacyHealthStatus } from './legacyHealthStatus.js';
export type { LegacyHealthStatus } from './legacyHealthStatus.js';
export { ManualClock } from './manualClock.js';

export {
  CircuitBreaker,
  CircuitBreakerOptionsSchema,
  CircuitBreakerState,
} from './circuitBreaker.js';
export type {
  CircuitBreakerOptions,
  CircuitBreakerOptionsInput,
  CircuitBreakerPermit,
  CircuitBreakerSnapshot,
  CircuitBreakerStatus,
} from './circuitBreaker.js';
export { retryDelayMs } from './retryPolicy.js';
export type { RetryPolicy } from './retryPolicy.js';
export { runWithDeadline } from './deadline.js';

export {
  CRITICAL_EVENT_TYPES,
  TRACKER_EVENT_TYPES,
  finalResponseOf,
  isCriticalEventType,
} from './trackerEvent.js';
export type {
  AgentCompletedEvent,
  AgentDeathEvent,
  AgentErrorEvent,
  AgentStartedEvent,
  AgentThinkingEvent,
  AgentTimeoutEvent,
  CriticalEventType,
  ToolCompletedEvent,
  ToolExecutingEvent,
  TrackerEvent,
  TrackerEventBase,
  TrackerEventType,
} from './trackerEvent.js';
export type { TrackerEventListener } from './eventBus.js';
export {
  LEGACY_ERROR_MESSAGES,
  LEGACY_PHASE_MESSAGES,
  isLegacyNotifier,
} from './legacyNotifier.js';
export type { LegacyNotifier } from './legacyNotifier.js';
export type { FallbackResponse } from './fallbackResponse.js';
export type { TrackerMetrics } from './trackerMetrics.js';

export { isExecutionStore } from './executionStore.js';
export type {
  ExecutionStore,
  StoreWrite,
  StoredExecution,
  StoredWriteBatch,
} from './executionStore.js';
export { MemoryExecutionStore } from './memoryExecutionStore.js';
export type { MemoryExecutionStoreOptions } from './memoryExecutionStore.js';

export {
  CircuitBreakerOpenError,
  ExecutionCancelledError,
  ExecutionDeadError,
  ExecutionTimeoutError,
  InvalidArgumentError,
  InvalidIdError,
  InvalidTransitionError,
  InvalidUserContextError,
  TrackerConfigError,
  TrackerConstructionError,
  TrackerDisposedError,
  TrackerError,
  UnknownExecutionError,
  UserConcurrencyLimitError,
  isRetryableError,
} from './errors.js';
export type { TrackerErrorCode } from './errors.js';
