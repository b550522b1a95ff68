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
} from './trackerEvent.js';

// Builders of the tracker's events from a record; each takes the record's next `seq`. Every
// event is one flat object literal, written out in full: events are built on the hot path, and
// spreading a shared base object cost more than all the tracker's bookkeeping together.

/** @internal */
export function agentStarted(
  r: MutableExecution,
  now: number,
  metadata: Readonly<Record<string, unknown>>,
): AgentStartedEvent {
  return {
    type: 'agent_started',
    executionId: r.id,
    userId: r.userId,
    threadId: r.threadId,
    runId: r.runId,
    requestId: r.requestId,
    agentName: r.agentName,
    timestamp: now,
    seq: ++r.seq,
    critical: true,
    taskDescription:
      typeof metadata.taskDescription === 'string'
        ? metadata.taskDescription
        : 'Processing request',
    metadata,
  };
}

/** @internal */
export function agentThinking(
  r: MutableExecution,
  now: number,
  phase: AgentExecutionPhase,
  metadata: Readonly<Record<string, unknown>>,
): AgentThinkingEvent {
  return {
    type: 'agent_thinking',
    executionId: r.id,
    userId: r.userId,
    threadId: r.threadId,
    runId: r.runId,
    requestId: r.requestId,
    agentName: r.agentName,
    timestamp: now,
    seq: ++r.seq,
    critical: true,
    reasoning: reasoningFor(r, phase, metadata),
    stepNumber: r.phaseCount,
    phase,
  };
}

function reasoningFor(
  r: MutableExecution,
  phase: AgentExecutionPhase,
  metadata: Readonly<Record<string, unknown>>,
): string {
  if (typeof metadata.reasoning === 'string') return metadata.reasoning;
  if (phase === AgentExecutionPhase.THINKING) return `Agent is thinking... (step ${r.phaseCount})`;
  return LEGACY_PHASE_MESSAGES[phase] ?? 'Agent is processing...';
}

/** @internal */
export function toolExecuting(
  r: MutableExecution,
  now: number,
  toolName: string,
  parameters: unknown,
): ToolExecutingEvent {
  return {
    type: 'tool_executing',
    executionId: r.id,
    userId: r.userId,
    threadId: r.threadId,
    runId: r.runId,
    requestId: r.requestId,
    agentName: r.agentName,
    timestamp: now,
    seq: ++r.seq,
    critical: true,
    toolName,
    parameters,
  };
}

/** @internal */
export function toolCompleted(
  r: MutableExecution,
  now: number,
  toolName: string,
  results: unknown,
  durationMs: number,
  success: boolean,
): ToolCompletedEvent {
  return {
    type: 'tool_completed',
    executionId: r.id,
    userId: r.userId,
    threadId: r.threadId,
    runId: r.runId,
    requestId: r.requestId,
    agentName: r.agentName,
    timestamp: now,
    seq: ++r.seq,
    critical: true,
    toolName,
    results,
    durationMs,
    success,
  };
}

/** @internal */
export function agentCompleted(r: MutableExecution, now: number): AgentCompletedEvent {
  return {
    type: 'agent_completed',
    executionId: r.id,
    userId: r.userId,
    threadId: r.threadId,
    runId: r.runId,
    requestId: r.requestId,
    agentName: r.agentName,
    timestamp: now,
    seq: ++r.seq,
    critical: true,
    status: 'completed',
    finalResponse: finalResponseOf(r.result),
    result: r.result,
    durationMs: now - r.createdAt,
  };
}

/** @internal */
export function agentError(
  r: MutableExecution,
  now: number,
  errorType: AgentErrorEvent['errorType'],
  phase: AgentExecutionPhase,
): AgentErrorEvent {
  return {
    type: 'agent_error',
    executionId: r.id,
    userId: r.userId,
    threadId: r.threadId,
    runId: r.runId,
    requestId: r.requestId,
    agentName: r.agentName,
    timestamp: now,
    seq: ++r.seq,
    critical: false,
    errorType,
    error: r.error ?? errorType,
    phase,
  };
}

/** What a death event reads of an execution (its own, or a record another process owned). */
export type DeathSource = Pick<
  MutableExecution,
  'id' | 'userId' | 'threadId' | 'runId' | 'requestId' | 'agentName' | 'seq' | 'lastHeartbeatAt'
>;

/** @internal */
export function agentDeath(r: DeathSource, now: number): AgentDeathEvent {
  return {
    type: 'agent_death',
    executionId: r.id,
    userId: r.userId,
    threadId: r.threadId,
    runId: r.runId,
    requestId: r.requestId,
    agentName: r.agentName,
    timestamp: now,
    seq: ++r.seq,
    critical: false,
    cause: 'no_heartbeat',
    lastHeartbeatAt: r.lastHeartbeatAt,
    silentForMs: now - r.lastHeartbeatAt,
  };
}

/** @internal */
export function agentTimeout(r: MutableExecution, now: number): AgentTimeoutEvent {
  return {
    type: 'agent_timeout',
    executionId: r.id,
    userId: r.userId,
    threadId: r.threadId,
    runId: r.runId,
    requestId: r.requestId,
    agentName: r.agentName,
    timestamp: now,
    seq: ++r.seq,
    critical: false,
    timeoutMs: r.timeoutMs,
    elapsedMs: now - r.createdAt,
  };
}
