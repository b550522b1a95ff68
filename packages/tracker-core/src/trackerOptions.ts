import type { ExecutionRecord } from './executionRecord.js';
import type { LegacyNotifier } from './legacyNotifier.js';
import type { RetryJitter, TransitionPolicy } from './trackerConfig.js';

/** Options of `createExecution`. */
export interface CreateExecutionOptions {
  readonly agentName: string;
  readonly userId: string;
  readonly threadId: string;
  /** @default a new `run_…` id */
  readonly runId?: string;
  /** @default a new `req_…` id */
  readonly requestId?: string;
  /**
   * Execution deadline, counted from creation.
   * @default the adaptive timeout when enabled, else `timeoutConfig.agentExecutionTimeout`
   */
  readonly timeoutSeconds?: number;
  /** Heartbeat deadline; `null` disables it (the tracker itself runs the work). @default `heartbeatTimeout` */
  readonly heartbeatTimeoutSeconds?: number | null;
  /** 1 for a first attempt; later attempts are not learned from (Karn's rule). @default 1 */
  readonly attempt?: number;
  readonly metadata?: Record<string, unknown>;
}

/** Options of `trackExecutionWithTimeout`. */
export interface TrackExecutionOptions {
  readonly agentName: string;
  readonly userId: string;
  /** @default a new `thread_…` id */
  readonly threadId?: string;
  readonly runId?: string;
  readonly timeoutSeconds?: number;
  /** @default null: the tracker runs the work, so only the execution deadline applies */
  readonly heartbeatTimeoutSeconds?: number | null;
  readonly attempt?: number;
  readonly metadata?: Record<string, unknown>;
  /** Legacy WebSocket manager told about timeouts and errors, as the legacy timeout manager did. */
  readonly notifier?: LegacyNotifier;
}

/**
 * Options of `trackExecutionWithTimeout` for work that runs under an execution that already
 * exists (one agent run, one execution): its deadline, heartbeats and phases stay that
 * execution's.
 */
export interface AttachedWorkOptions {
  readonly executionId: string;
  /** Moves the execution's deadline to this many seconds from now. @default its deadline as it is */
  readonly timeoutSeconds?: number;
  /** Legacy WebSocket manager told about a timeout or the work's failure while this work runs. */
  readonly notifier?: LegacyNotifier;
}

/** Options of `transitionState`. */
export interface TransitionOptions {
  /**
   * Stored on the phase transition and read by the event: `reasoning` (agent_thinking),
   * `toolName`/`parameters` (tool_executing), `taskDescription` (agent_started), `result`/`error`
   * for terminal phases.
   */
  readonly metadata?: Record<string, unknown>;
  /** A legacy WebSocket manager to call as the legacy tracker did. */
  readonly notifier?: LegacyNotifier;
  /** Overrides the tracker's `transitionPolicy` for this call (the legacy shims pass `'warn'`). */
  readonly policy?: TransitionPolicy;
}

/** Options of `updateExecutionState`. */
export interface UpdateStateOptions {
  readonly error?: string;
  readonly result?: unknown;
  /** Overrides the tracker's `transitionPolicy` for this call. */
  readonly policy?: TransitionPolicy;
}

/** Overrides of the retry delays for one `executeWithRetry` call (seconds, as `TimeoutConfig`). */
export interface RetryOverrides {
  readonly retryBaseDelay?: number;
  readonly retryMaxDelay?: number;
  readonly retryExponentialBase?: number;
  readonly retryJitter?: RetryJitter;
}

/** Options of `toolCompleted`. */
export interface ToolCompletedOptions {
  readonly result?: unknown;
  /** @default time since the matching `toolStarted`, else 0 */
  readonly durationMs?: number;
  /** @default true */
  readonly success?: boolean;
}

/** A death or timeout callback; it receives the record as it ended. A throw is isolated and counted. */
export type ExecutionEndCallback = (execution: ExecutionRecord) => unknown;
