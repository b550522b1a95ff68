import type { AgentExecutionPhase } from './agentExecutionPhase.js';
import type { ExecutionState } from './executionState.js';
import type { ExecutionRecord, PhaseTransition } from './executionRecord.js';
import type { LegacyNotifier } from './legacyNotifier.js';
import type { TrackerEvent } from './trackerEvent.js';
import type { TransitionOptions, UpdateStateOptions } from './trackerOptions.js';
import type { UserExecutionContext } from './userExecutionContext.js';

/** Options of {@link UserExecutionScope.createExecution}; the user, thread, run and request come from the scope. */
export interface ScopedCreateOptions {
  readonly agentName: string;
  readonly timeoutSeconds?: number;
  readonly heartbeatTimeoutSeconds?: number | null;
  readonly attempt?: number;
  readonly metadata?: Record<string, unknown>;
}

/** Options of {@link UserExecutionScope.trackExecutionWithTimeout}. */
export interface ScopedTrackOptions extends ScopedCreateOptions {
  readonly notifier?: LegacyNotifier;
}

/** The tracker operations bound to one user. @internal */
export interface ScopedOperations {
  create(options: {
    agentName: string;
    userId: string;
    threadId: string;
    runId: string;
    requestId: string;
    timeoutSeconds?: number;
    heartbeatTimeoutSeconds?: number | null;
    attempt?: number;
    metadata?: Record<string, unknown>;
  }): string;
  start(id: string): boolean;
  heartbeat(id: string, progress?: Record<string, unknown>): boolean;
  updateState(id: string, state: ExecutionState, options?: UpdateStateOptions): boolean;
  transition(id: string, phase: AgentExecutionPhase, options?: TransitionOptions): boolean;
  toolStarted(id: string, toolName: string, parameters?: unknown): boolean;
  toolCompleted(
    id: string,
    toolName: string,
    options?: { result?: unknown; durationMs?: number; success?: boolean },
  ): boolean;
  complete(id: string, options?: { result?: unknown; executionTimeMs?: number }): boolean;
  fail(id: string, error: string | Error, context?: Record<string, unknown>): boolean;
  cancel(id: string, reason: string): boolean;
  get(id: string): ExecutionRecord | undefined;
  history(id: string): PhaseTransition[];
  list(): ExecutionRecord[];
  aliveCount(): number;
  cleanup(id: string): boolean;
  cleanupAll(): number;
  track<T>(
    options: {
      agentName: string;
      userId: string;
      threadId: string;
      runId: string;
      timeoutSeconds?: number;
      heartbeatTimeoutSeconds?: number | null;
      attempt?: number;
      metadata?: Record<string, unknown>;
      notifier?: LegacyNotifier;
    },
    fn: (context: { executionId: string; signal: AbortSignal }) => Promise<T>,
  ): Promise<T>;
  subscribe(listener: (event: TrackerEvent) => unknown): () => void;
}

/**
 * The tracker as one user sees it. Executions it creates carry the scope's user, thread, run and
 * request ids; reads of another user's execution return undefined and mutations throw
 * `UnknownExecutionError`, exactly as for an id that does not exist, so nothing leaks whether it
 * does. The tracker's per-user concurrency limit applies.
 */
export class UserExecutionScope {
  /** @internal Obtain a scope with `tracker.forUser(context)`. */
  constructor(
    readonly context: UserExecutionContext,
    private readonly ops: ScopedOperations,
  ) {}

  get userId(): string {
    return this.context.userId;
  }

  createExecution(options: ScopedCreateOptions): string {
    // The scope's identity is applied last: a caller cannot stamp another user on an execution.
    return this.ops.create({ ...options, ...this.identity(), requestId: this.context.requestId });
  }

  startExecution(executionId: string): boolean {
    return this.ops.start(executionId);
  }

  heartbeat(executionId: string, progress?: Record<string, unknown>): boolean {
    return this.ops.heartbeat(executionId, progress);
  }

  updateExecutionState(
    executionId: string,
    state: ExecutionState,
    options?: UpdateStateOptions,
  ): boolean {
    return this.ops.updateState(executionId, state, options);
  }

  transitionState(
    executionId: string,
    phase: AgentExecutionPhase,
    options?: TransitionOptions,
  ): boolean {
    return this.ops.transition(executionId, phase, options);
  }

  toolStarted(executionId: string, toolName: string, parameters?: unknown): boolean {
    return this.ops.toolStarted(executionId, toolName, parameters);
  }

  toolCompleted(
    executionId: string,
    toolName: string,
    options?: { result?: unknown; durationMs?: number; success?: boolean },
  ): boolean {
    return this.ops.toolCompleted(executionId, toolName, options);
  }

  completeExecution(
    executionId: string,
    options?: { result?: unknown; executionTimeMs?: number },
  ): boolean {
    return this.ops.complete(executionId, options);
  }

  failExecution(
    executionId: string,
    error: string | Error,
    context?: Record<string, unknown>,
  ): boolean {
    return this.ops.fail(executionId, error, context);
  }

  cancelExecution(executionId: string, reason = 'cancelled'): boolean {
    return this.ops.cancel(executionId, reason);
  }

  getExecution(executionId: string): ExecutionRecord | undefined {
    return this.ops.get(executionId);
  }

  getExecutionState(executionId: string): ExecutionState | undefined {
    return this.ops.get(executionId)?.state;
  }

  getStateHistory(executionId: string): PhaseTransition[] {
    return this.ops.history(executionId);
  }

  /** This user's live executions. */
  getExecutions(): ExecutionRecord[] {
    return this.ops.list();
  }

  /** This user's alive executions. */
  getActiveExecutions(): ExecutionRecord[] {
    return this.ops.list().filter((record) => record.completedAt === undefined);
  }

  /** Number of this user's alive executions (what the concurrency limit counts). */
  get activeCount(): number {
    return this.ops.aliveCount();
  }

  cleanupState(executionId: string): boolean {
    return this.ops.cleanup(executionId);
  }

  /** Cancels and removes all of this user's live executions; returns how many. */
  cleanupUserData(): number {
    return this.ops.cleanupAll();
  }

  trackExecutionWithTimeout<T>(
    options: ScopedTrackOptions,
    fn: (context: { executionId: string; signal: AbortSignal }) => Promise<T>,
  ): Promise<T> {
    return this.ops.track({ ...options, ...this.identity() }, fn);
  }

  /** Subscribes to this user's events only. Returns the unsubscribe function. */
  subscribe(listener: (event: TrackerEvent) => unknown): () => void {
    return this.ops.subscribe(listener);
  }

  private identity(): { userId: string; threadId: string; runId: string } {
    return {
      userId: this.context.userId,
      threadId: this.context.threadId,
      runId: this.context.runId,
    };
  }
}
