import type { TrackerEvent } from '@aet/tracker-core';
import type { EventGap } from './eventSource.js';

/**
 * The JSON the bridge sends. Every event is one flat object in the legacy wire format (snake
 * case, event fields at the root, the fields the original mission-critical validator required),
 * plus what the original lacked: `execution_id`, the per-execution `seq` (1, 2, 3… with no
 * gaps) and the `cursor` to resume after it.
 */
export interface WireEventBase {
  readonly type: TrackerEvent['type'];
  readonly execution_id: string;
  readonly run_id: string;
  readonly request_id: string;
  readonly user_id: string;
  readonly thread_id: string;
  readonly agent_name: string;
  /** ISO 8601. */
  readonly timestamp: string;
  readonly seq: number;
  /** Reconnect with `?after=<cursor>` to receive what came after this event. */
  readonly cursor: string;
  /** True for the five critical events. */
  readonly critical: boolean;
  /**
   * Only on an event whose agent data JSON cannot carry (a `BigInt`, a cycle, a `toJSON` that
   * throws): the event is sent in its place in the stream, with those fields `null`.
   */
  readonly unserializable?: UnserializableData;
}

/** Which agent-data fields of an event were sent as `null`, and why. */
export interface UnserializableData {
  /** `parameters`, `results` or `result`. */
  readonly fields: readonly AgentDataField[];
  /** What JSON.stringify said. */
  readonly message: string;
}

/** The fields of a wire event that carry the agent's own data (anything it passed the tracker). */
export type AgentDataField = 'parameters' | 'results' | 'result';

/** The fields each event type adds to {@link WireEventBase}. */
export interface WireEventFields {
  agent_started: { status: 'started'; task_description: string };
  agent_thinking: { status: 'thinking'; reasoning: string; step_number: number; phase: string };
  tool_executing: { status: 'executing'; tool_name: string; parameters: unknown };
  tool_completed: {
    status: 'completed' | 'failed';
    tool_name: string;
    results: unknown;
    /** Milliseconds. */
    duration: number;
    success: boolean;
  };
  agent_completed: {
    status: 'completed';
    final_response: string;
    result: unknown;
    execution_time_ms: number;
  };
  agent_error: { status: 'error'; error_type: string; error: string; phase: string };
  agent_death: {
    status: 'dead';
    death_cause: string;
    /** ISO 8601. */
    last_heartbeat_at: string;
    silent_for_ms: number;
    recovery_action: 'refresh_required';
  };
  agent_timeout: { status: 'timeout'; timeout_ms: number; elapsed_ms: number };
}

/** An event on the wire. */
export type WireEvent = {
  [T in keyof WireEventFields]: WireEventBase & { readonly type: T } & WireEventFields[T];
}[keyof WireEventFields];

/** The first frame of every accepted connection. */
export interface ConnectedFrame {
  readonly type: 'connected';
  readonly user_id: string;
  readonly connection_id: string;
  /**
   * Where this connection's stream starts: the `after` it resumed from, or the newest event
   * before it connected. Reconnecting with it before any event arrived loses nothing.
   */
  readonly cursor: string;
}

/** Sent before replayed events when retention dropped some the client had not seen. */
export interface EventsLostFrame {
  readonly type: 'events_lost';
  /** The cursor the client resumed from. */
  readonly after: string;
  /** How many of the user's events were dropped, when the source knows (else null). */
  readonly lost_events: number | null;
  /** `retention`: older than the bridge keeps; `unknown_cursor`: the cursor's history is gone. */
  readonly reason: 'retention' | 'unknown_cursor';
  readonly message: string;
}

/** The answer to a client's `{"type":"ping"}`. */
export interface PongFrame {
  readonly type: 'pong';
}

/** Sent when a client frame is refused; the connection stays open (up to a limit). */
export interface ErrorFrame {
  readonly type: 'error';
  readonly code: 'binary_frame' | 'bad_json' | 'bad_frame';
  readonly message: string;
}

/** Everything the bridge sends. */
export type ServerFrame = WireEvent | ConnectedFrame | EventsLostFrame | PongFrame | ErrorFrame;

const iso = (epochMs: number): string => new Date(epochMs).toISOString();

/** The wire form of a tracker event. */
export function toWireEvent(event: TrackerEvent, cursor: string): WireEvent {
  const base = {
    execution_id: event.executionId,
    run_id: event.runId,
    request_id: event.requestId,
    user_id: event.userId,
    thread_id: event.threadId,
    agent_name: event.agentName,
    timestamp: iso(event.timestamp),
    seq: event.seq,
    cursor,
    critical: event.critical,
  };
  switch (event.type) {
    case 'agent_started':
      return {
        type: event.type,
        ...base,
        status: 'started',
        task_description: event.taskDescription,
      };
    case 'agent_thinking':
      return {
        type: event.type,
        ...base,
        status: 'thinking',
        reasoning: event.reasoning,
        step_number: event.stepNumber,
        phase: event.phase,
      };
    case 'tool_executing':
      return {
        type: event.type,
        ...base,
        status: 'executing',
        tool_name: event.toolName,
        parameters: event.parameters ?? {},
      };
    case 'tool_completed':
      return {
        type: event.type,
        ...base,
        status: event.success ? 'completed' : 'failed',
        tool_name: event.toolName,
        results: event.results ?? null,
        duration: event.durationMs,
        success: event.success,
      };
    case 'agent_completed':
      return {
        type: event.type,
        ...base,
        status: 'completed',
        final_response: event.finalResponse,
        result: event.result ?? null,
        execution_time_ms: event.durationMs,
      };
    case 'agent_error':
      return {
        type: event.type,
        ...base,
        status: 'error',
        error_type: event.errorType,
        error: event.error,
        phase: event.phase,
      };
    case 'agent_death':
      return {
        type: event.type,
        ...base,
        status: 'dead',
        death_cause: event.cause,
        last_heartbeat_at: iso(event.lastHeartbeatAt),
        silent_for_ms: event.silentForMs,
        recovery_action: 'refresh_required',
      };
    case 'agent_timeout':
      return {
        type: event.type,
        ...base,
        status: 'timeout',
        timeout_ms: event.timeoutMs,
        elapsed_ms: event.elapsedMs,
      };
  }
}

/**
 * The root fields the original mission-critical validator required of each critical event
 * (reference §6.1); every {@link WireEvent} of that type has them.
 */
export const LEGACY_REQUIRED_FIELDS = {
  agent_started: ['type', 'user_id', 'thread_id', 'timestamp'],
  agent_thinking: ['type', 'reasoning', 'timestamp'],
  tool_executing: ['type', 'tool_name', 'parameters', 'timestamp'],
  tool_completed: ['type', 'tool_name', 'results', 'duration', 'timestamp'],
  agent_completed: ['type', 'status', 'final_response', 'timestamp'],
} as const;

const LOST_MESSAGE = {
  retention: 'events after your cursor were dropped by retention before you reconnected',
  unknown_cursor: 'your cursor is from a history this bridge no longer has: events may be missing',
} as const;

/** The frame that tells a resuming client what it lost. */
export function eventsLostFrame(after: string, gap: EventGap): EventsLostFrame {
  return {
    type: 'events_lost',
    after,
    lost_events: gap.count,
    reason: gap.reason,
    message: LOST_MESSAGE[gap.reason],
  };
}
