import type { AdaptiveTimeouts } from './adaptiveTimeouts.js';
import { outcomeOf } from './workOutcome.js';
import {
  AgentExecutionPhase,
  allowedPhasesAfter,
  closingPhaseForState,
  isPhaseTransitionAllowed,
  isTerminalPhase,
  isWorkingPhase,
  terminalStateForPhase,
} from './agentExecutionPhase.js';
import {
  assertFunction,
  assertNonEmptyString,
  assertNonNegativeNumber,
  assertNotifier,
  assertObject,
  assertOptionalObject,
  assertPolicy,
  assertPhase,
  assertPositiveSeconds,
  assertState,
  assertString,
  assertWholeNumber,
} from './argumentChecks.js';
import type { Clock } from './clock.js';
import { DeadlineScheduler } from './deadlineScheduler.js';
import {
  ExecutionCancelledError,
  ExecutionDeadError,
  ExecutionTimeoutError,
  InvalidTransitionError,
  UnknownExecutionError,
  UserConcurrencyLimitError,
} from './errors.js';
import type { EventBus } from './eventBus.js';
import * as events from './eventFactory.js';
import type { DeathSource } from './eventFactory.js';
import { ExecutionIndex } from './executionIndex.js';
import { callIsolated } from './isolatedCall.js';
import {
  frozenCopy,
  snapshotOf,
  type ExecutionRecord,
  type MutableExecution,
  type PhaseTransition,
} from './executionRecord.js';
import {
  EXECUTION_STATES,
  ExecutionState,
  isAliveState,
  isStateTransitionAllowed,
  isTerminalState,
  type TerminalExecutionState,
} from './executionState.js';
import { notifyLegacyPhase, type LegacyNotifier } from './legacyNotifier.js';
import type { StoreReplicator } from './storeReplicator.js';
import type { TrackerConfig, TransitionPolicy } from './trackerConfig.js';
import { MetricsCounters } from './trackerMetrics.js';
import type {
  CreateExecutionOptions,
  ExecutionEndCallback,
  ToolCompletedOptions,
  TrackExecutionOptions,
  TransitionOptions,
  UpdateStateOptions,
} from './trackerOptions.js';
import { UnifiedIDManager } from './unifiedIdManager.js';
import { assertRealId } from './userExecutionContext.js';

/** What the lifecycle needs from the tracker that owns it. @internal */
export interface LifecycleDependencies {
  readonly config: TrackerConfig;
  readonly clock: Clock;
  readonly bus: EventBus;
  readonly adaptive: AdaptiveTimeouts;
  readonly replicator: StoreReplicator | undefined;
}

/** The owning user of a call: a user id inside a scope, undefined for unscoped tracker calls. */
type Owner = string | undefined;

/**
 * The state machine of executions: records, their coupled state and phase, deadlines (one
 * scheduler entry per live execution), events, counters and cleanup. Every operation takes the
 * owning user; inside a user scope another user's execution is indistinguishable from an unknown
 * one. The tracker is the public facade over this class.
 * @internal
 */
export class ExecutionLifecycle {
  readonly index = new ExecutionIndex();
  readonly counters = new MetricsCounters();
  private readonly config: TrackerConfig;
  private readonly clock: Clock;
  private readonly bus: EventBus;
  private readonly adaptive: AdaptiveTimeouts;
  private readonly replicator: StoreReplicator | undefined;
  private readonly scheduler: DeadlineScheduler<MutableExecution>;
  private readonly heartbeatTimeoutMs: number;
  private readonly cleanupMs: number;
  // Cleaned-up executions, oldest first. Terminal records never change again, so they are kept
  // as they are and only copied when someone reads the history.
  private readonly completed: MutableExecution[] = [];
  private readonly completedById = new Map<string, MutableExecution>();
  private readonly endCallbacks = {
    dead: new Set<ExecutionEndCallback>(),
    timeout: new Set<ExecutionEndCallback>(),
  };

  constructor(deps: LifecycleDependencies) {
    this.config = deps.config;
    this.clock = deps.clock;
    this.bus = deps.bus;
    this.adaptive = deps.adaptive;
    this.replicator = deps.replicator;
    this.heartbeatTimeoutMs = deps.config.heartbeatTimeout * 1000;
    this.cleanupMs = deps.config.cleanupInterval * 1000;
    this.scheduler = new DeadlineScheduler<MutableExecution>(this.clock, (record, now) => {
      this.onDeadline(record, now);
    });
  }

  get scheduledDeadlines(): number {
    return this.scheduler.size;
  }

  get completedHistorySize(): number {
    return this.completed.length;
  }

  completedHistory(): ExecutionRecord[] {
    return this.completed.map(snapshotOf);
  }

  runDueDeadlines(): number {
    return this.scheduler.runDue();
  }

  dispose(): void {
    this.scheduler.dispose();
  }

  defaultTimeoutSeconds(agentName: string): number {
    return this.adaptive.timeoutSeconds(agentName, this.config.timeoutConfig.agentExecutionTimeout);
  }

  onEnd(kind: 'dead' | 'timeout', callback: ExecutionEndCallback): () => void {
    const callbacks = this.endCallbacks[kind];
    callbacks.add(callback);
    return () => callbacks.delete(callback);
  }

  // ─── Operations ─────────────────────────────────────────────────────────────────────────────

  create(owner: Owner, options: CreateExecutionOptions): string {
    assertObject('options', options);
    assertNonEmptyString('agentName', options.agentName);
    assertRealId('userId', options.userId);
    assertRealId('threadId', options.threadId);
    if (owner !== undefined && options.userId !== owner) {
      throw new UnknownExecutionError(options.userId);
    }
    if (options.runId !== undefined) assertRealId('runId', options.runId);
    if (options.requestId !== undefined) assertRealId('requestId', options.requestId);
    if (options.timeoutSeconds !== undefined) {
      assertPositiveSeconds('timeoutSeconds', options.timeoutSeconds);
    }
    const heartbeatSeconds = options.heartbeatTimeoutSeconds;
    if (heartbeatSeconds !== undefined && heartbeatSeconds !== null) {
      assertPositiveSeconds('heartbeatTimeoutSeconds', heartbeatSeconds);
    }
    const attempt = options.attempt ?? 1;
    assertWholeNumber('attempt', attempt, 1);
    assertOptionalObject('metadata', options.metadata);
    const limit = this.config.maxConcurrentPerUser;
    if (limit !== undefined && this.index.aliveCountOf(options.userId) >= limit) {
      throw new UserConcurrencyLimitError(options.userId, limit);
    }

    const now = this.clock.now();
    const timeoutSeconds = options.timeoutSeconds ?? this.defaultTimeoutSeconds(options.agentName);
    const record: MutableExecution = {
      id: UnifiedIDManager.generateExecutionId(),
      agentName: options.agentName,
      userId: options.userId,
      threadId: options.threadId,
      runId: options.runId ?? UnifiedIDManager.generateRunId(),
      requestId: options.requestId ?? UnifiedIDManager.generateRequestId(),
      state: ExecutionState.PENDING,
      phase: AgentExecutionPhase.CREATED,
      createdAt: now,
      startedAt: undefined,
      lastHeartbeatAt: now,
      updatedAt: now,
      phaseEnteredAt: now,
      completedAt: undefined,
      heartbeatCount: 0,
      timeoutMs: timeoutSeconds * 1000,
      heartbeatTimeoutMs:
        heartbeatSeconds === null
          ? null
          : heartbeatSeconds === undefined
            ? this.heartbeatTimeoutMs
            : heartbeatSeconds * 1000,
      result: undefined,
      error: undefined,
      metadata: { ...options.metadata },
      phaseHistory: [],
      phaseCount: 0,
      warningCount: 0,
      errorCount: 0,
      seq: 0,
      version: 1,
      attempt,
      wakeAt: Infinity,
      heapIndex: -1,
      heapSeq: 0,
      replicationPending: undefined,
      abortController: undefined,
      onAbort: undefined,
      notifier: undefined,
      openTools: undefined,
    };
    this.index.add(record);
    this.counters.totalExecutions++;
    this.scheduleNextDeadline(record, now);
    this.replicator?.changed(record);
    return record.id;
  }

  start(owner: Owner, executionId: string): boolean {
    const record = this.require(owner, executionId);
    if (record === null || record.state !== ExecutionState.PENDING) return false;
    const now = this.clock.now();
    record.state = ExecutionState.STARTING;
    record.startedAt = now;
    this.touch(record, now);
    this.changed(record);
    return true;
  }

  heartbeat(owner: Owner, executionId: string, progress?: Record<string, unknown>): boolean {
    assertOptionalObject('progress', progress);
    const record = this.require(owner, executionId);
    if (record === null || isTerminalState(record.state)) return false;
    const now = this.clock.now();
    record.lastHeartbeatAt = now;
    record.updatedAt = now;
    record.heartbeatCount++;
    if (progress !== undefined) Object.assign(record.metadata, progress);
    const promoted = record.state === ExecutionState.STARTING;
    if (promoted) record.state = ExecutionState.RUNNING;
    // A heartbeat only moves the heartbeat deadline later: the scheduler entry that stands for
    // this execution fires early and is re-armed then, so nothing is rescheduled here.
    if (promoted || progress !== undefined) this.changed(record);
    else this.replicator?.heartbeat(record);
    return true;
  }

  updateState(
    owner: Owner,
    executionId: string,
    state: ExecutionState,
    options?: UpdateStateOptions,
  ): boolean {
    assertState('state', state);
    if (options?.policy !== undefined) assertPolicy(options.policy);
    const record = this.require(owner, executionId);
    if (record === null || isTerminalState(record.state)) return false;
    if (!isStateTransitionAllowed(record.state, state)) {
      const from = record.state;
      const allowed = EXECUTION_STATES.filter((to) => isStateTransitionAllowed(from, to));
      this.rejectOrWarn(record, from, state, allowed, options?.policy);
    }
    const now = this.clock.now();
    if (isTerminalState(state)) {
      this.finish(record, state, now, options?.error, options?.result);
      return true;
    }
    if (state !== ExecutionState.PENDING) record.startedAt ??= now;
    record.state = state;
    this.touch(record, now);
    this.changed(record);
    return true;
  }

  transition(
    owner: Owner,
    executionId: string,
    phase: AgentExecutionPhase,
    options?: TransitionOptions,
  ): boolean {
    assertPhase('phase', phase);
    assertOptionalObject('metadata', options?.metadata);
    if (options?.notifier !== undefined) assertNotifier(options.notifier);
    if (options?.policy !== undefined) assertPolicy(options.policy);
    const record = this.require(owner, executionId);
    if (record === null || isTerminalState(record.state)) return false;
    const metadata = options?.metadata === undefined ? NO_METADATA : frozenCopy(options.metadata);
    this.enterPhase(record, phase, metadata, this.clock.now(), options?.notifier, options?.policy);
    return true;
  }

  toolStarted(owner: Owner, executionId: string, toolName: string, parameters: unknown): boolean {
    assertNonEmptyString('toolName', toolName);
    const record = this.require(owner, executionId);
    if (record === null || isTerminalState(record.state)) return false;
    const now = this.clock.now();
    if (record.phase === AgentExecutionPhase.TOOL_EXECUTION) {
      this.touch(record, now);
      this.bus.emit(events.toolExecuting(record, now, toolName, parameters));
      this.changed(record);
    } else {
      const metadata = Object.freeze({ toolName, parameters });
      this.enterPhase(record, AgentExecutionPhase.TOOL_EXECUTION, metadata, now, undefined);
    }
    (record.openTools ??= new Map()).set(toolName, now);
    return true;
  }

  toolCompleted(
    owner: Owner,
    executionId: string,
    toolName: string,
    options?: ToolCompletedOptions,
  ): boolean {
    assertNonEmptyString('toolName', toolName);
    if (options?.durationMs !== undefined)
      assertNonNegativeNumber('durationMs', options.durationMs);
    const record = this.require(owner, executionId);
    if (record === null || isTerminalState(record.state)) return false;
    const now = this.clock.now();
    const startedAt = record.openTools?.get(toolName);
    record.openTools?.delete(toolName);
    const durationMs = options?.durationMs ?? (startedAt === undefined ? 0 : now - startedAt);
    this.touch(record, now);
    const success = options?.success ?? true;
    this.bus.emit(
      events.toolCompleted(record, now, toolName, options?.result, durationMs, success),
    );
    this.changed(record);
    return true;
  }

  complete(
    owner: Owner,
    executionId: string,
    options?: { result?: unknown; executionTimeMs?: number },
  ): boolean {
    if (options?.executionTimeMs !== undefined) {
      assertNonNegativeNumber('executionTimeMs', options.executionTimeMs);
    }
    const record = this.require(owner, executionId);
    if (record === null || isTerminalState(record.state)) return false;
    if (options?.executionTimeMs !== undefined) {
      record.metadata.executionTimeMs = options.executionTimeMs;
    }
    this.finish(record, ExecutionState.COMPLETED, this.clock.now(), undefined, options?.result);
    return true;
  }

  fail(
    owner: Owner,
    executionId: string,
    error: string | Error,
    context?: Record<string, unknown>,
  ): boolean {
    if (!(error instanceof Error)) assertString('error', error);
    assertOptionalObject('context', context);
    const record = this.require(owner, executionId);
    if (record === null || isTerminalState(record.state)) return false;
    if (context !== undefined) Object.assign(record.metadata, context);
    record.errorCount++;
    const message = typeof error === 'string' ? error : error.message;
    this.finish(record, ExecutionState.FAILED, this.clock.now(), message);
    return true;
  }

  cancel(owner: Owner, executionId: string, reason: string): boolean {
    assertNonEmptyString('reason', reason);
    const record = this.require(owner, executionId);
    if (record === null || isTerminalState(record.state)) return false;
    this.finish(record, ExecutionState.CANCELLED, this.clock.now(), reason);
    return true;
  }

  setAgentState(
    owner: Owner,
    executionId: string,
    updates: { warningCount?: number; errorCount?: number; metadata?: Record<string, unknown> },
  ): boolean {
    const record = this.require(owner, executionId);
    if (record === null || isTerminalState(record.state)) return false;
    if (updates.warningCount !== undefined) record.warningCount = updates.warningCount;
    if (updates.errorCount !== undefined) record.errorCount = updates.errorCount;
    if (updates.metadata !== undefined) Object.assign(record.metadata, updates.metadata);
    record.updatedAt = this.clock.now();
    this.changed(record);
    return true;
  }

  setTimeout(owner: Owner, executionId: string, timeoutMs: number): boolean {
    const record = this.require(owner, executionId);
    if (record === null || isTerminalState(record.state)) return false;
    record.timeoutMs = timeoutMs;
    this.changed(record);
    this.scheduleNextDeadline(record, this.clock.now());
    this.scheduler.runDue();
    return true;
  }

  cleanup(owner: Owner, executionId: string): boolean {
    const record = this.require(owner, executionId);
    if (record === null || isAliveState(record.state)) return false;
    this.remove(record);
    return true;
  }

  cleanupCompletely(owner: Owner, executionId: string): boolean {
    const record = this.require(owner, executionId);
    if (record === null) return false;
    if (isAliveState(record.state)) {
      this.finish(record, ExecutionState.CANCELLED, this.clock.now(), 'cleaned up');
    }
    this.remove(record);
    return true;
  }

  cleanupUser(userId: string): number {
    let removed = 0;
    for (const record of [...this.index.ofUser(userId)]) {
      if (this.cleanupCompletely(userId, record.id)) removed++;
    }
    return removed;
  }

  /** Runs `fn` as a tracked execution; see `trackExecutionWithTimeout`. */
  track<T>(
    owner: Owner,
    options: TrackExecutionOptions,
    fn: (context: { executionId: string; signal: AbortSignal }) => Promise<T>,
  ): Promise<T> {
    assertFunction('fn', fn);
    assertObject('options', options);
    if (options.notifier !== undefined) assertNotifier(options.notifier);
    const executionId = this.create(owner, {
      agentName: options.agentName,
      userId: options.userId,
      threadId: options.threadId ?? UnifiedIDManager.generateThreadId(),
      heartbeatTimeoutSeconds: options.heartbeatTimeoutSeconds ?? null,
      ...(options.runId === undefined ? {} : { runId: options.runId }),
      ...(options.timeoutSeconds === undefined ? {} : { timeoutSeconds: options.timeoutSeconds }),
      ...(options.attempt === undefined ? {} : { attempt: options.attempt }),
      ...(options.metadata === undefined ? {} : { metadata: options.metadata }),
    });
    const record = this.index.records.get(executionId) as MutableExecution;
    // Creating the controller is cheap; Node builds its signal (~2 µs) only when first read, so
    // the work gets it through a getter and pays only if it looks.
    const controller = new AbortController();
    record.abortController = controller;
    record.notifier = options.notifier;
    this.start(owner, executionId);
    return new Promise<T>((resolve, reject) => {
      // The tracker ends the execution (deadline, death, cancel) through this callback.
      let rejection: Error | undefined;
      record.onAbort = (reason) => {
        rejection = reason;
        reject(reason);
      };
      // Work of any shape: a plain value, a thenable, or a synchronous throw.
      outcomeOf(() =>
        fn({
          executionId,
          get signal() {
            return controller.signal;
          },
        }),
      ).then(
        (value) => {
          record.onAbort = undefined;
          if (isAliveState(record.state)) this.complete(owner, executionId, { result: value });
          if (record.state === ExecutionState.COMPLETED) resolve(value);
          else reject(rejection ?? new ExecutionCancelledError(executionId, record.state));
        },
        (error: unknown) => {
          record.onAbort = undefined;
          if (isAliveState(record.state)) {
            this.fail(owner, executionId, error instanceof Error ? error : String(error));
            this.notify(record.notifier, (n) =>
              n.notifyAgentError?.(record.runId, record.agentName, messageOf(error), {
                error_type: error instanceof Error ? error.name : typeof error,
                execution_duration: (this.clock.now() - record.createdAt) / 1000,
              }),
            );
          }
          reject(error);
        },
      );
    });
  }

  /** The record, or undefined when unknown or owned by another user than `owner`. */
  find(owner: Owner, executionId: string): MutableExecution | undefined {
    const record = this.index.records.get(executionId);
    if (record === undefined || (owner !== undefined && record.userId !== owner)) return undefined;
    return record;
  }

  // ─── Internals ──────────────────────────────────────────────────────────────────────────────

  /**
   * The record a mutation acts on: throws `UnknownExecutionError` for an unknown (or another
   * user's) id, and gives `null` for a recently cleaned-up execution, which absorbs calls like
   * any terminal one.
   */
  private require(owner: Owner, executionId: string): MutableExecution | null {
    assertString('executionId', executionId);
    const record = this.find(owner, executionId);
    if (record !== undefined) return record;
    const completed = this.completedById.get(executionId);
    if (completed !== undefined && (owner === undefined || completed.userId === owner)) return null;
    throw new UnknownExecutionError(executionId);
  }

  /** Applies a phase move with its state coupling, event and legacy notification. */
  private enterPhase(
    record: MutableExecution,
    phase: AgentExecutionPhase,
    metadata: Readonly<Record<string, unknown>>,
    now: number,
    notifier: LegacyNotifier | undefined,
    policy?: TransitionPolicy,
  ): void {
    const from = record.phase;
    const valid = isPhaseTransitionAllowed(from, phase);
    if (!valid) this.rejectOrWarn(record, from, phase, allowedPhasesAfter(from), policy);
    this.appendTransition(record, phase, now, metadata, valid, 'phase');
    record.lastHeartbeatAt = now;
    if (isWorkingPhase(phase) || phase === AgentExecutionPhase.COMPLETING) {
      record.startedAt ??= now;
      const target =
        phase === AgentExecutionPhase.COMPLETING
          ? ExecutionState.COMPLETING
          : ExecutionState.RUNNING;
      if (isStateTransitionAllowed(record.state, target)) record.state = target;
    }
    this.emitPhaseEvent(record, phase, metadata, now);
    if (notifier !== undefined) {
      this.notify(notifier, (n) =>
        notifyLegacyPhase(n, {
          runId: record.runId,
          agentName: record.agentName,
          phase,
          stepNumber: record.phaseCount,
          totalDurationMs: now - record.createdAt,
          metadata,
        }),
      );
    }
    const terminal = terminalStateForPhase(phase);
    if (terminal === undefined) {
      this.changed(record);
      return;
    }
    const error =
      phase === AgentExecutionPhase.CIRCUIT_BREAKER_OPEN
        ? 'circuit breaker open'
        : typeof metadata.error === 'string'
          ? metadata.error
          : undefined;
    this.finish(record, terminal, now, error, metadata.result);
  }

  private emitPhaseEvent(
    record: MutableExecution,
    phase: AgentExecutionPhase,
    metadata: Readonly<Record<string, unknown>>,
    now: number,
  ): void {
    const P = AgentExecutionPhase;
    switch (phase) {
      case P.STARTING:
        this.bus.emit(events.agentStarted(record, now, metadata));
        return;
      case P.THINKING:
      case P.TOOL_PREPARATION:
      case P.LLM_INTERACTION:
      case P.RESULT_PROCESSING:
      case P.COMPLETING:
        this.bus.emit(events.agentThinking(record, now, phase, metadata));
        return;
      case P.TOOL_EXECUTION: {
        const toolName =
          typeof metadata.toolName === 'string' ? metadata.toolName : 'execution_tools';
        const parameters = 'parameters' in metadata ? metadata.parameters : metadata;
        this.bus.emit(events.toolExecuting(record, now, toolName, parameters));
        return;
      }
      case P.CREATED:
      case P.WEBSOCKET_SETUP:
      case P.CONTEXT_VALIDATION:
      case P.COMPLETED:
      case P.TIMEOUT:
      case P.FAILED:
      case P.CIRCUIT_BREAKER_OPEN:
        // Terminal phases emit through finish(); the set-up phases emit nothing, as in the reference.
        return;
    }
  }

  /** Ends an execution: state, phase closure, counters, event, abort, callbacks, cleanup deadline. */
  private finish(
    record: MutableExecution,
    state: TerminalExecutionState,
    now: number,
    error: string | undefined,
    result?: unknown,
  ): void {
    record.state = state;
    record.completedAt = now;
    record.updatedAt = now;
    if (error !== undefined) record.error = error;
    if (result !== undefined) record.result = result;
    if (!isTerminalPhase(record.phase)) {
      const closing = closingPhaseForState(state);
      this.appendTransition(record, closing, now, CLOSED_BY_STATE[state], true, 'state');
    }
    this.index.markTerminal(record);
    this.counters.countTerminal(state);
    this.emitTerminalEvent(record, state, now);
    this.abortWork(record, state, now);
    if (state === ExecutionState.DEAD) this.runCallbacks(this.endCallbacks.dead, record);
    if (state === ExecutionState.TIMEOUT) this.runCallbacks(this.endCallbacks.timeout, record);
    this.changed(record);
    this.scheduler.schedule(record, now + this.cleanupMs);
  }

  private emitTerminalEvent(
    record: MutableExecution,
    state: TerminalExecutionState,
    now: number,
  ): void {
    switch (state) {
      case ExecutionState.COMPLETED:
        if (record.attempt === 1) {
          this.adaptive.recordDuration(record.agentName, now - record.createdAt);
        }
        this.bus.emit(events.agentCompleted(record, now));
        return;
      case ExecutionState.FAILED: {
        const breakerOpen = record.phase === AgentExecutionPhase.CIRCUIT_BREAKER_OPEN;
        const errorType = breakerOpen ? 'circuit_breaker_open' : 'failed';
        this.bus.emit(events.agentError(record, now, errorType, record.phase));
        return;
      }
      case ExecutionState.CANCELLED:
        this.bus.emit(events.agentError(record, now, 'cancelled', record.phase));
        return;
      case ExecutionState.TIMEOUT:
        this.adaptive.recordTimeout(record.agentName);
        this.bus.emit(events.agentTimeout(record, now));
        return;
      case ExecutionState.DEAD:
        this.bus.emit(events.agentDeath(record, now));
        return;
    }
  }

  /** Aborts work the tracker runs for the execution (trackExecutionWithTimeout). */
  private abortWork(record: MutableExecution, state: TerminalExecutionState, now: number): void {
    const controller = record.abortController;
    if (controller === undefined) return;
    record.abortController = undefined;
    if (state === ExecutionState.COMPLETED) return;
    if (state === ExecutionState.TIMEOUT) {
      const seconds = record.timeoutMs / 1000;
      this.notify(record.notifier, (n) =>
        n.notifyAgentError?.(
          record.runId,
          record.agentName,
          `Agent execution timed out after ${seconds.toFixed(1)}s`,
          {
            error_type: 'timeout',
            timeout_duration: seconds,
            actual_duration: (now - record.createdAt) / 1000,
          },
        ),
      );
    }
    const reason =
      state === ExecutionState.TIMEOUT
        ? new ExecutionTimeoutError(
            `execution ${record.id} (${record.agentName})`,
            record.timeoutMs,
          )
        : state === ExecutionState.DEAD
          ? new ExecutionDeadError(record.id, now - record.lastHeartbeatAt)
          : new ExecutionCancelledError(record.id, record.error ?? state);
    controller.abort(reason);
    const onAbort = record.onAbort;
    record.onAbort = undefined;
    onAbort?.(reason);
  }

  private onDeadline(record: MutableExecution, now: number): void {
    if (isTerminalState(record.state)) {
      this.remove(record);
      return;
    }
    if (now >= heartbeatDeadlineOf(record)) {
      const silentSeconds = ((now - record.lastHeartbeatAt) / 1000).toFixed(1);
      this.finish(record, ExecutionState.DEAD, now, `No heartbeat for ${silentSeconds}s`);
    } else if (now >= record.createdAt + record.timeoutMs) {
      const limit = record.timeoutMs / 1000;
      this.finish(record, ExecutionState.TIMEOUT, now, `Execution exceeded ${limit}s timeout`);
    } else {
      // Woken early because a heartbeat moved the heartbeat deadline: look again then.
      this.scheduleNextDeadline(record, now);
    }
  }

  /** Schedules the earliest deadline of an alive execution. */
  private scheduleNextDeadline(record: MutableExecution, now: number): void {
    const executionDeadline = record.createdAt + record.timeoutMs;
    const next = Math.max(Math.min(heartbeatDeadlineOf(record), executionDeadline), now);
    this.scheduler.schedule(record, next);
  }

  private remove(record: MutableExecution): void {
    this.index.remove(record);
    this.scheduler.cancel(record);
    const cap = this.config.maxCompletedHistory;
    if (cap === 0) return;
    this.completed.push(record);
    this.completedById.set(record.id, record);
    while (this.completed.length > cap) {
      const dropped = this.completed.shift() as MutableExecution;
      this.completedById.delete(dropped.id);
    }
  }

  private appendTransition(
    record: MutableExecution,
    to: AgentExecutionPhase,
    now: number,
    metadata: Readonly<Record<string, unknown>>,
    valid: boolean,
    cause: PhaseTransition['cause'],
  ): void {
    if (record.phaseHistory.length >= this.config.maxPhaseHistory) record.phaseHistory.shift();
    record.phaseHistory.push({
      fromPhase: record.phase,
      toPhase: to,
      timestamp: now,
      durationMs: now - record.phaseEnteredAt,
      metadata,
      valid,
      cause,
    });
    record.phaseCount++;
    record.phase = to;
    record.phaseEnteredAt = now;
    record.updatedAt = now;
  }

  private rejectOrWarn(
    record: MutableExecution,
    from: string,
    to: string,
    allowed: readonly string[],
    policy: TransitionPolicy = this.config.transitionPolicy,
  ): void {
    if (policy === 'strict') {
      throw new InvalidTransitionError(record.id, from, to, allowed);
    }
    record.warningCount++;
    this.counters.transitionWarnings++;
  }

  private touch(record: MutableExecution, now: number): void {
    record.lastHeartbeatAt = now;
    record.updatedAt = now;
  }

  private changed(record: MutableExecution): void {
    record.version++;
    this.replicator?.changed(record);
  }

  private notify(notifier: LegacyNotifier | undefined, call: (n: LegacyNotifier) => unknown): void {
    if (notifier === undefined) return;
    callIsolated(
      () => call(notifier),
      () => {
        this.counters.notifierErrors++;
      },
    );
  }

  /**
   * Reports the death of an execution another process owned (a store's death sweep found its
   * lease expired, and this process won the record's compare-and-set): the `agent_death` event,
   * numbered after the record's last, goes to this tracker's subscribers, and the `onDeath`
   * callbacks get the record.
   */
  reportRecoveredDeath(record: ExecutionRecord): void {
    const source: DeathSource = {
      id: record.id,
      userId: record.userId,
      threadId: record.threadId,
      runId: record.runId,
      requestId: record.requestId,
      agentName: record.agentName,
      seq: record.seq,
      lastHeartbeatAt: record.lastHeartbeatAt,
    };
    this.bus.emit(events.agentDeath(source, this.clock.now()));
    for (const callback of this.endCallbacks.dead) {
      callIsolated(
        () => callback(record),
        () => {
          this.counters.callbackErrors++;
        },
      );
    }
  }

  private runCallbacks(callbacks: Set<ExecutionEndCallback>, record: MutableExecution): void {
    if (callbacks.size === 0) return;
    const snapshot = snapshotOf(record);
    for (const callback of callbacks) {
      callIsolated(
        () => callback(snapshot),
        () => {
          this.counters.callbackErrors++;
        },
      );
    }
  }
}

const NO_METADATA: Readonly<Record<string, unknown>> = Object.freeze({});

// The metadata of the transition that closes a phase history, one frozen object per end state.
const CLOSED_BY_STATE: Readonly<Record<TerminalExecutionState, Readonly<Record<string, unknown>>>> =
  Object.freeze({
    completed: Object.freeze({ state: 'completed' }),
    failed: Object.freeze({ state: 'failed' }),
    timeout: Object.freeze({ state: 'timeout' }),
    dead: Object.freeze({ state: 'dead' }),
    cancelled: Object.freeze({ state: 'cancelled' }),
  });

/** Dead once silent for strictly longer than the timeout: at last heartbeat + timeout + 1 ms. */
function heartbeatDeadlineOf(record: MutableExecution): number {
  return record.heartbeatTimeoutMs === null
    ? Infinity
    : record.lastHeartbeatAt + record.heartbeatTimeoutMs + 1;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
