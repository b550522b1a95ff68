import { AgentExecutionPhase } from './agentExecutionPhase.js';
import type { MutableExecution } from './executionRecord.js';
import { LEGACY_PHASE_MESSAGES } from './legacyNotifier.js';
import {
  finalResponseOf,
  type AgentCompletedEvent,
  type AgentDeathEvent,
  type AgentErrorEvent,
  type AgentStartedEvent,
  type AgentThinkingEvent,
  type AgentTimeoutEvent,
  type ToolCompletedEvent,
  type ToolExecutingEvent,
  type TrackerEventBase,
} from './trackerEvent.js';

/**
 * Builders of the tracker's events from a record. Each call takes the next `seq` of the record.
 * @internal
 */
function base(record: MutableExecution, now: number, critical: boolean): TrackerEventBase {
  return {
    executionId: record.id,
    userId: record.userId,
    threadId: record.threadId,
    runId: record.runId,
    requestId: record.requestId,
    agentName: record.agentName,
    timestamp: now,
    seq: ++record.seq,
    critical,
  };
}

/** @internal */
export function agentStarted(
  record: MutableExecution,
  now: number,
  metadata: Readonly<Record<string, unknown>>,
): AgentStartedEvent {
  const taskDescription =
    typeof metadata.taskDescription === 'string' ? metadata.taskDescription : 'Processing request';
  return { ...base(record, now, true), type: 'agent_started', taskDescription, metadata };
}

/** @internal */
export function agentThinking(
  record: MutableExecution,
  now: number,
  phase: AgentExecutionPhase,
  metadata: Readonly<Record<string, unknown>>,
): AgentThinkingEvent {
  const reasoning =
    typeof metadata.reasoning === 'string'
      ? metadata.reasoning
      : phase === AgentExecutionPhase.THINKING
        ? `Agent is thinking... (step ${record.phaseCount})`
        : (LEGACY_PHASE_MESSAGES[phase] ?? 'Agent is processing...');
  return {
    ...base(record, now, true),
    type: 'agent_thinking',
    reasoning,
    stepNumber: record.phaseCount,
    phase,
  };
}

/** @internal */
export function toolExecuting(
  record: MutableExecution,
  now: number,
  toolName: string,
  parameters: unknown,
): ToolExecutingEvent {
  return { ...base(record, now, true), type: 'tool_executing', toolName, parameters };
}

/** @internal */
export function toolCompleted(
  record: MutableExecution,
  now: number,
  toolName: string,
  results: unknown,
  durationMs: number,
  success: boolean,
): ToolCompletedEvent {
  return {
    ...base(record, now, true),
    type: 'tool_completed',
    toolName,
    results,
    durationMs,
    success,
  };
}

/** @internal */
export function agentCompleted(record: MutableExecution, now: number): AgentCompletedEvent {
  return {
    ...base(record, now, true),
    type: 'agent_completed',
    status: 'completed',
    finalResponse: finalResponseOf(record.result),
    result: record.result,
    durationMs: now - record.createdAt,
  };
}

/** @internal */
export function agentError(
  record: MutableExecution,
  now: number,
  errorType: AgentErrorEvent['errorType'],
  phase: AgentExecutionPhase,
): AgentErrorEvent {
  return {
    ...base(record, now, false),
    type: 'agent_error',
    errorType,
    error: record.error ?? errorType,
    phase,
  };
}

/** @internal */
export function agentDeath(record: MutableExecution, now: number): AgentDeathEvent {
  return {
    ...base(record, now, false),
    type: 'agent_death',
    cause: 'no_heartbeat',
    lastHeartbeatAt: record.lastHeartbeatAt,
    silentForMs: now - record.lastHeartbeatAt,
  };
}

/** @internal */
export function agentTimeout(record: MutableExecution, now: number): AgentTimeoutEvent {
  return {
    ...base(record, now, false),
    type: 'agent_timeout',
    timeoutMs: record.timeoutMs,
    elapsedMs: now - record.createdAt,
  };
}
