import type { AgentExecutionPhase } from './agentExecutionPhase.js';

/** The five events a chat user must see for every agent run. */
export const CRITICAL_EVENT_TYPES = [
  'agent_started',
  'agent_thinking',
  'tool_executing',
  'tool_completed',
  'agent_completed',
] as const;

/** Every event type the tracker emits. */
export const TRACKER_EVENT_TYPES = [
  ...CRITICAL_EVENT_TYPES,
  'agent_error',
  'agent_death',
  'agent_timeout',
] as const;

/** One of the {@link TRACKER_EVENT_TYPES}. */
export type TrackerEventType = (typeof TRACKER_EVENT_TYPES)[number];
/** One of the {@link CRITICAL_EVENT_TYPES}. */
export type CriticalEventType = (typeof CRITICAL_EVENT_TYPES)[number];

/** Fields every event carries; `seq` runs 1, 2, 3… per execution with no gaps. */
export interface TrackerEventBase {
  readonly executionId: string;
  readonly userId: string;
  readonly threadId: string;
  readonly runId: string;
  readonly requestId: string;
  readonly agentName: string;
  /** Epoch ms. */
  readonly timestamp: number;
  readonly seq: number;
  /** True for the five critical events. */
  readonly critical: boolean;
}

export interface AgentStartedEvent extends TrackerEventBase {
  readonly type: 'agent_started';
  readonly taskDescription: string;
  readonly metadata: Readonly<Record<string, unknown>>;
}

export interface AgentThinkingEvent extends TrackerEventBase {
  readonly type: 'agent_thinking';
  readonly reasoning: string;
  readonly stepNumber: number;
  readonly phase: AgentExecutionPhase;
}

export interface ToolExecutingEvent extends TrackerEventBase {
  readonly type: 'tool_executing';
  readonly toolName: string;
  readonly parameters: unknown;
}

export interface ToolCompletedEvent extends TrackerEventBase {
  readonly type: 'tool_completed';
  readonly toolName: string;
  readonly results: unknown;
  readonly durationMs: number;
  readonly success: boolean;
}

export interface AgentCompletedEvent extends TrackerEventBase {
  readonly type: 'agent_completed';
  readonly status: 'completed';
  readonly finalResponse: string;
  readonly result: unknown;
  readonly durationMs: number;
}

export interface AgentErrorEvent extends TrackerEventBase {
  readonly type: 'agent_error';
  /** `failed` for a failure, `cancelled` for a cancellation, `circuit_breaker_open` for that phase. */
  readonly errorType: 'failed' | 'cancelled' | 'circuit_breaker_open';
  readonly error: string;
  readonly phase: AgentExecutionPhase;
}

export interface AgentDeathEvent extends TrackerEventBase {
  readonly type: 'agent_death';
  readonly cause: 'no_heartbeat';
  readonly lastHeartbeatAt: number;
  readonly silentForMs: number;
}

export interface AgentTimeoutEvent extends TrackerEventBase {
  readonly type: 'agent_timeout';
  readonly timeoutMs: number;
  readonly elapsedMs: number;
}

/** Everything the tracker emits, discriminated by `type`. */
export type TrackerEvent =
  | AgentStartedEvent
  | AgentThinkingEvent
  | ToolExecutingEvent
  | ToolCompletedEvent
  | AgentCompletedEvent
  | AgentErrorEvent
  | AgentDeathEvent
  | AgentTimeoutEvent;

/** True for the five critical event types. */
export function isCriticalEventType(type: string): type is CriticalEventType {
  return (CRITICAL_EVENT_TYPES as readonly string[]).includes(type);
}

/** The text a chat UI shows for a result: a string result, or its `finalResponse`/`response`/`result` string. */
export function finalResponseOf(result: unknown): string {
  if (typeof result === 'string') return result;
  if (typeof result === 'object' && result !== null) {
    for (const key of ['finalResponse', 'final_response', 'response', 'result'] as const) {
      const value = (result as Record<string, unknown>)[key];
      if (typeof value === 'string') return value;
    }
  }
  return 'Task completed';
}
