import { executionDeadlineOf } from './executionDeadlines.js';
import { ExecutionState, isAliveState } from './executionState.js';
import {
  frozenCopy,
  snapshotOf,
  type ExecutionRecord,
  type MutableExecution,
  type PhaseTransition,
} from './executionRecord.js';
import type { AgentExecutionPhase } from './agentExecutionPhase.js';
import type { CircuitBreakerStatus } from './circuitBreaker.js';

/** The legacy state tracker's view of an execution, kept for state-management callers. */
export interface AgentStateView {
  readonly executionId: string;
  readonly agentName: string;
  readonly userId: string;
  readonly threadId: string;
  readonly runId: string;
  readonly state: ExecutionState;
  readonly currentPhase: AgentExecutionPhase;
  readonly createdAt: number;
  readonly lastHeartbeatAt: number;
  readonly totalDurationMs: number;
  readonly currentPhaseDurationMs: number;
  readonly phaseCount: number;
  readonly warningCount: number;
  readonly errorCount: number;
  readonly metadata: Readonly<Record<string, unknown>>;
}

/** Where an execution stands against its deadline. */
export interface TimeoutStatus {
  readonly executionId: string;
  readonly elapsedSeconds: number;
  readonly timeoutSeconds: number;
  /** True once the age is strictly greater than the timeout (as the reference's `is_timed_out`). */
  readonly isTimedOut: boolean;
  readonly timeUntilTimeoutSeconds: number;
  /** Epoch ms at which the allowed time ends; the execution times out 1 ms later. */
  readonly deadlineAt: number;
}

/** Everything known about one execution, in one object. */
export interface ExecutionFullContext {
  readonly execution: ExecutionRecord;
  readonly agentState: AgentStateView;
  readonly timeoutStatus: TimeoutStatus;
  /** The breaker keyed by the execution's agent name, when one is registered. */
  readonly circuitBreakerStatus: CircuitBreakerStatus | undefined;
  readonly stateHistory: readonly PhaseTransition[];
}

/** @internal */
export function agentStateOf(record: MutableExecution, now: number): AgentStateView {
  return {
    executionId: record.id,
    agentName: record.agentName,
    userId: record.userId,
    threadId: record.threadId,
    runId: record.runId,
    state: record.state,
    currentPhase: record.phase,
    createdAt: record.createdAt,
    lastHeartbeatAt: record.lastHeartbeatAt,
    totalDurationMs: (record.completedAt ?? now) - record.createdAt,
    currentPhaseDurationMs: now - record.phaseEnteredAt,
    phaseCount: record.phaseCount,
    warningCount: record.warningCount,
    errorCount: record.errorCount,
    metadata: frozenCopy(record.metadata),
  };
}

/** @internal */
export function timeoutStatusOf(record: MutableExecution, clockNow: number): TimeoutStatus {
  const now = record.completedAt ?? clockNow;
  const deadlineAt = record.createdAt + record.timeoutMs;
  return {
    executionId: record.id,
    elapsedSeconds: (now - record.createdAt) / 1000,
    timeoutSeconds: record.timeoutMs / 1000,
    isTimedOut:
      record.state === ExecutionState.TIMEOUT ||
      (isAliveState(record.state) && now >= executionDeadlineOf(record)),
    timeUntilTimeoutSeconds: Math.max(0, (deadlineAt - now) / 1000),
    deadlineAt,
  };
}

/** @internal */
export function fullContextOf(
  record: MutableExecution,
  now: number,
  circuitBreakerStatus: CircuitBreakerStatus | undefined,
): ExecutionFullContext {
  return {
    execution: snapshotOf(record),
    agentState: agentStateOf(record, now),
    timeoutStatus: timeoutStatusOf(record, now),
    circuitBreakerStatus,
    stateHistory: record.phaseHistory.slice(),
  };
}
