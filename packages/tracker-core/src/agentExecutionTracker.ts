import { AdaptiveTimeouts } from './adaptiveTimeouts.js';
import type { AgentExecutionPhase } from './agentExecutionPhase.js';
import { allowedPhasesAfter, isPhaseTransitionAllowed } from './agentExecutionPhase.js';
import {
  assertAgentStateUpdates,
  assertFunction,
  assertNonEmptyString,
  assertNonNegativeNumber,
  assertNotifier,
  assertObject,
  assertOptionalObject,
  assertPhase,
  assertPositiveSeconds,
  assertState,
  assertWholeNumber,
} from './argumentChecks.js';
import type {
  CircuitBreakerOptionsInput,
  CircuitBreakerSnapshot,
  CircuitBreakerStatus,
} from './circuitBreaker.js';
import { CircuitBreakerRegistry } from './circuitBreakerRegistry.js';
import type { Clock } from './clock.js';
import { constructionToken } from './constructionToken.js';
import { runWithDeadline } from './deadline.js';
import { InvalidArgumentError, TrackerConstructionError, TrackerDisposedError } from './errors.js';
import { EventBus } from './eventBus.js';
import { ExecutionLifecycle } from './executionLifecycle.js';
import { snapshotOf, type ExecutionRecord, type PhaseTransition } from './executionRecord.js';
import { ExecutionState } from './executionState.js';
import { getExecutionTracker } from './executionTrackerSingleton.js';
import {
  agentStateOf,
  fullContextOf,
  timeoutStatusOf,
  type AgentStateView,
  type ExecutionFullContext,
  type TimeoutStatus,
} from './executionViews.js';
import {
  buildFallbackResponse,
  deliverFallback,
  type FallbackResponse,
} from './fallbackResponse.js';
import type { LegacyNotifier } from './legacyNotifier.js';
import { retryPolicyFrom, runWithRetry } from './retryPolicy.js';
import { StoreReplicator } from './storeReplicator.js';
import { renderValue } from './zodIssues.js';
import { systemClock } from './systemClock.js';
import {
  parseTimeoutConfig,
  type TimeoutConfigInput,
  type TrackerConfig,
} from './trackerConfig.js';
import type { TrackerEvent } from './trackerEvent.js';
import type { TrackerMetrics } from './trackerMetrics.js';
import type {
  CreateExecutionOptions,
  ExecutionEndCallback,
  ToolCompletedOptions,
  RetryOverrides,
  AttachedWorkOptions,
  TrackExecutionOptions,
  TransitionOptions,
  UpdateStateOptions,
} from './trackerOptions.js';
import { UnifiedIDManager } from './unifiedIdManager.js';
import {
  createUserExecutionContext,
  type UserExecutionContext,
  type UserExecutionContextInput,
} from './userExecutionContext.js';
import { UserExecutionScope } from './userExecutionScope.js';

/**
 * The single source of truth for agent executions: lifecycle and phases, heartbeats and death
 * detection, deadlines, circuit breakers, retries, adaptive timeouts, per-user isolation and the
 * critical chat events.
 *
 * Get the process singleton with `getExecutionTracker()` (configure it first with
 * `configureExecutionTracker(config)`), or an isolated instance with `createExecutionTracker(config)`.
 * Reads of an unknown id return undefined; mutations of an unknown id throw
 * `UnknownExecutionError`; mutations of a terminal execution return false. The hot path is
 * synchronous; only calls that run user functions are async.
 * @example
 * const tracker = getExecutionTracker();
 * const id = tracker.createExecution({ agentName: 'triage', userId, threadId });
 * tracker.startExecution(id);
 * tracker.transitionState(id, AgentExecutionPhase.WEBSOCKET_SETUP);
 */
export class AgentExecutionTracker {
  /** Identifies this instance as the owner of store leases. */
  readonly instanceId: string = UnifiedIDManager.generateRequestId();
  private readonly config: TrackerConfig;
  private readonly clock: Clock;
  private readonly bus: EventBus;
  private readonly lifecycle: ExecutionLifecycle;
  private readonly breakers: CircuitBreakerRegistry;
  private readonly adaptive: AdaptiveTimeouts;
  private readonly replicator: StoreReplicator | undefined;
  private disposed = false;

  /** @internal Use `getExecutionTracker()` or `createExecutionTracker(config)`. */
  constructor(token: symbol, config: TrackerConfig) {
    if (token !== constructionToken) throw new TrackerConstructionError();
    this.config = config;
    this.clock = config.clock ?? systemClock;
    this.bus = new EventBus();
    for (const sink of config.eventSinks) this.bus.subscribe(sink);
    this.adaptive = new AdaptiveTimeouts(config.adaptiveTimeouts);
    this.breakers = new CircuitBreakerRegistry(config.timeoutConfig, this.clock);
    // Replication is opt-in: a replica costs every change and every live execution, so only a
    // configured store gets one.
    const store = config.store ?? null;
    this.replicator =
      store === null
        ? undefined
        : new StoreReplicator(
            store,
            this.instanceId,
            this.clock,
            config.heartbeatTimeout * 1000,
            () => this.lifecycle.index.alive(),
            () => undefined,
          );
    this.lifecycle = new ExecutionLifecycle({
      config,
      clock: this.clock,
      bus: this.bus,
      adaptive: this.adaptive,
      replicator: this.replicator,
    });
  }

  /** The process singleton (same as `getExecutionTracker()`). */
  static getInstance(): AgentExecutionTracker {
    return getExecutionTracker();
  }

  /** The resolved configuration. */
  get configuration(): Readonly<TrackerConfig> {
    return this.config;
  }

  // ─── Lifecycle ──────────────────────────────────────────────────────────────────────────────

  /**
   * Creates an execution in state `pending`, phase `created`, and arms its heartbeat and execution
   * deadlines. Bad input throws a typed error and creates nothing; a user at
   * `maxConcurrentPerUser` gets `UserConcurrencyLimitError`.
   */
  createExecution(options: CreateExecutionOptions): string {
    this.assertUsable();
    return this.lifecycle.create(undefined, options);
  }

  /** `pending → starting`. False unless the execution is pending. */
  startExecution(executionId: string): boolean {
    return this.lifecycle.start(undefined, executionId);
  }

  /**
   * Records a sign of life: pushes the heartbeat deadline out and moves `starting → running`.
   * `progress` is merged into the metadata. False for a terminal execution.
   */
  heartbeat(executionId: string, progress?: Record<string, unknown>): boolean {
    return this.lifecycle.heartbeat(undefined, executionId, progress);
  }

  /**
   * Moves the lifecycle state. Alive states only move forward (policy `strict` throws
   * `InvalidTransitionError` otherwise); a terminal state ends the execution and closes its phase
   * history. False for a terminal execution.
   */
  updateExecutionState(
    executionId: string,
    state: ExecutionState,
    options?: UpdateStateOptions,
  ): boolean {
    return this.lifecycle.updateState(undefined, executionId, state, options);
  }

  /** Ends the execution as `completed`; emits `agent_completed`. False when already terminal. */
  completeExecution(
    executionId: string,
    options?: { result?: unknown; executionTimeMs?: number },
  ): boolean {
    return this.lifecycle.complete(undefined, executionId, options);
  }

  /** Ends the execution as `failed`; emits `agent_error`. False when already terminal. */
  failExecution(
    executionId: string,
    error: string | Error,
    context?: Record<string, unknown>,
  ): boolean {
    return this.lifecycle.fail(undefined, executionId, error, context);
  }

  /** Ends the execution as `cancelled` and aborts work the tracker runs for it. False when terminal. */
  cancelExecution(executionId: string, reason = 'cancelled'): boolean {
    return this.lifecycle.cancel(undefined, executionId, reason);
  }

  /** A frozen snapshot of the execution, or undefined for an unknown (or cleaned-up) id. */
  getExecution(executionId: string): ExecutionRecord | undefined {
    const record = this.lifecycle.find(undefined, executionId);
    return record && snapshotOf(record);
  }

  /** The execution's state, or undefined for an unknown id. */
  getExecutionState(executionId: string): ExecutionState | undefined {
    return this.lifecycle.find(undefined, executionId)?.state;
  }

  /** Every alive execution. */
  getActiveExecutions(): ExecutionRecord[] {
    return [...this.lifecycle.index.alive()].map(snapshotOf);
  }

  /** Live executions (alive, or terminal and not yet cleaned up) of an agent. */
  getExecutionsByAgent(agentName: string): ExecutionRecord[] {
    return [...this.lifecycle.index.ofAgent(agentName)].map(snapshotOf);
  }

  /** Live executions of a thread. */
  getExecutionsByThread(threadId: string): ExecutionRecord[] {
    return [...this.lifecycle.index.ofThread(threadId)].map(snapshotOf);
  }

  /** Live executions of a user. */
  getUserExecutions(userId: string): ExecutionRecord[] {
    return [...this.lifecycle.index.ofUser(userId)].map(snapshotOf);
  }

  /** The last `maxCompletedHistory` cleaned-up executions, oldest first. */
  getCompletedExecutions(): ExecutionRecord[] {
    return this.lifecycle.completedHistory();
  }

  /** Counters and rates; rates are fractions 0..1 of all executions created. */
  getMetrics(): TrackerMetrics {
    const c = this.lifecycle.counters;
    return {
      totalExecutions: c.totalExecutions,
      activeExecutions: this.lifecycle.index.aliveCount,
      successfulExecutions: c.successfulExecutions,
      failedExecutions: c.failedExecutions,
      timeoutExecutions: c.timeoutExecutions,
      deadExecutions: c.deadExecutions,
      cancelledExecutions: c.cancelledExecutions,
      ...c.rates(),
      eventsEmitted: this.bus.eventsEmitted,
      sinkErrors: this.bus.sinkErrors,
      callbackErrors: c.callbackErrors,
      notifierErrors: c.notifierErrors,
      storeErrors: this.replicator?.storeErrors ?? 0,
      transitionWarnings: c.transitionWarnings,
      liveRecords: this.lifecycle.index.records.size,
      completedHistorySize: this.lifecycle.completedHistorySize,
    };
  }

  // ─── State management ───────────────────────────────────────────────────────────────────────

  /** The legacy state tracker's view of the execution, or undefined for an unknown id. */
  getAgentState(executionId: string): AgentStateView | undefined {
    const record = this.lifecycle.find(undefined, executionId);
    return record && agentStateOf(record, this.clock.now());
  }

  /** Updates `warningCount`, `errorCount` and/or merges `metadata`. False when terminal. */
  setAgentState(
    executionId: string,
    updates: { warningCount?: number; errorCount?: number; metadata?: Record<string, unknown> },
  ): boolean {
    assertAgentStateUpdates(updates);
    return this.lifecycle.setAgentState(undefined, executionId, updates);
  }

  /**
   * Moves the execution to `phase`. The reference's table decides what is allowed: under `strict`
   * a disallowed move throws `InvalidTransitionError`, under `warn` it is applied and counted.
   * Entering a working phase moves the state to `running`, `completing` to `completing`, and a
   * terminal phase ends the execution. Emits the matching event and, given a legacy `notifier`,
   * calls it as the legacy tracker did. False when the execution is already terminal.
   */
  transitionState(
    executionId: string,
    phase: AgentExecutionPhase,
    options?: TransitionOptions,
  ): boolean {
    return this.lifecycle.transition(undefined, executionId, phase, options);
  }

  /**
   * Moves to `tool_execution` (unless already there) and emits `tool_executing` for `toolName`.
   * False when the execution is terminal.
   */
  toolStarted(executionId: string, toolName: string, parameters?: unknown): boolean {
    return this.lifecycle.toolStarted(undefined, executionId, toolName, parameters);
  }

  /** Emits `tool_completed` for `toolName`. False when the execution is terminal. */
  toolCompleted(executionId: string, toolName: string, options?: ToolCompletedOptions): boolean {
    return this.lifecycle.toolCompleted(undefined, executionId, toolName, options);
  }

  /** Whether the phase table allows `from → to` (`from` null or undefined: the initial edge). */
  validateStateTransition(
    from: AgentExecutionPhase | null | undefined,
    to: AgentExecutionPhase,
  ): boolean {
    if (from !== null && from !== undefined) assertPhase('from', from);
    assertPhase('to', to);
    return isPhaseTransitionAllowed(from ?? undefined, to);
  }

  /** The phases allowed after `phase`. */
  getAllowedTransitions(phase: AgentExecutionPhase): AgentExecutionPhase[] {
    assertPhase('phase', phase);
    return allowedPhasesAfter(phase);
  }

  /** The execution's phase history (latest `maxPhaseHistory` entries); [] for an unknown id. */
  getStateHistory(executionId: string): PhaseTransition[] {
    return this.lifecycle.find(undefined, executionId)?.phaseHistory.slice() ?? [];
  }

  /**
   * Moves a terminal execution out of the live set into the completed history; false while it is
   * alive. Terminal executions are also cleaned up on their own after `cleanupInterval`.
   */
  cleanupState(executionId: string): boolean {
    return this.lifecycle.cleanup(undefined, executionId);
  }

  /** Ids of alive executions whose current phase has lasted longer than `thresholdMs`. */
  findStuckExecutions(thresholdMs = 30_000): string[] {
    assertNonNegativeNumber('thresholdMs', thresholdMs);
    const now = this.clock.now();
    const stuck: string[] = [];
    for (const record of this.lifecycle.index.alive()) {
      if (now - record.phaseEnteredAt > thresholdMs) stuck.push(record.id);
    }
    return stuck;
  }

  // ─── Timeouts and resilience ────────────────────────────────────────────────────────────────

  /**
   * Sets the execution deadline to `timeout` seconds after creation (or a timeout config's
   * `agentExecutionTimeout`). A deadline already past fires at once. False when terminal.
   */
  setTimeout(executionId: string, timeout: number | TimeoutConfigInput): boolean {
    const seconds =
      typeof timeout === 'number' ? timeout : parseTimeoutConfig(timeout).agentExecutionTimeout;
    assertPositiveSeconds('timeout', seconds);
    return this.lifecycle.setTimeout(undefined, executionId, seconds * 1000);
  }

  /** Where the execution stands against its deadline, or undefined for an unknown id. */
  checkTimeout(executionId: string): TimeoutStatus | undefined {
    const record = this.lifecycle.find(undefined, executionId);
    return record && timeoutStatusOf(record, this.clock.now());
  }

  /** The execution timeout (seconds) a new execution of `agentName` gets when none is given. */
  getAdaptiveTimeout(agentName: string): number {
    return this.lifecycle.defaultTimeoutSeconds(agentName);
  }

  /**
   * Registers the breaker `key` (an agent, a tool, `llm`), defaults from `timeoutConfig`.
   * Registering an existing key with options replaces it (fresh state); without, it is kept.
   */
  registerCircuitBreaker(key: string, options?: CircuitBreakerOptionsInput): CircuitBreakerStatus {
    return this.breakers.register(key, options).status();
  }

  /** The breaker's status, or undefined when `key` was never registered or used. */
  circuitBreakerStatus(key: string): CircuitBreakerStatus | undefined {
    return this.breakers.status(key);
  }

  /** Closes the breaker; false when `key` is unknown. */
  resetCircuitBreaker(key: string): boolean {
    return this.breakers.reset(key);
  }

  /** Every breaker's state, to restore after a restart (breakers are never shared live). */
  exportCircuitBreakers(): CircuitBreakerSnapshot[] {
    return this.breakers.export();
  }

  /** Restores breakers exported by `exportCircuitBreakers`, registering unknown keys with defaults. */
  restoreCircuitBreakers(snapshots: readonly CircuitBreakerSnapshot[]): void {
    this.breakers.restore(snapshots);
  }

  /**
   * Runs `fn` under the breaker `key` (registered with defaults on first use) and a per-call
   * deadline (`timeoutSeconds`, default `llmApiTimeout`); `fn` gets an `AbortSignal` that fires at
   * the deadline. An open breaker rejects with `CircuitBreakerOpenError` without calling `fn`; a
   * timeout rejects with `ExecutionTimeoutError` and counts as a failure.
   */
  async executeWithCircuitBreaker<T>(
    key: string,
    fn: (signal: AbortSignal) => Promise<T>,
    options?: { operation?: string; timeoutSeconds?: number },
  ): Promise<T> {
    assertFunction('fn', fn);
    const timeoutSeconds = options?.timeoutSeconds ?? this.config.timeoutConfig.llmApiTimeout;
    assertPositiveSeconds('timeoutSeconds', timeoutSeconds);
    const breaker = this.breakers.obtain(key);
    const isProbe = breaker.admit();
    try {
      const value = await runWithDeadline(
        this.clock,
        timeoutSeconds * 1000,
        options?.operation ?? key,
        fn,
      );
      breaker.settle(isProbe, true);
      return value;
    } catch (error) {
      breaker.settle(isProbe, false);
      throw error;
    }
  }

  /**
   * Runs `fn(attempt)` with up to `maxRetries` retries (default from `timeoutConfig`), waiting
   * base × exponentialBase^n seconds between attempts (capped, jittered per `retryJitter`).
   * Non-retryable errors (bad input, open breakers, cancellation, `retryable: false`) are thrown
   * at once; after the last attempt its error is thrown.
   */
  executeWithRetry<T>(
    fn: (attempt: number) => Promise<T>,
    options?: {
      operation?: string;
      maxRetries?: number;
      isRetryable?: (error: unknown) => boolean;
      signal?: AbortSignal;
      /** Delays for this call instead of the tracker's `timeoutConfig` ones. */
      delays?: RetryOverrides;
    },
  ): Promise<T> {
    assertFunction('fn', fn);
    assertOptionalObject('options', options);
    if (options?.isRetryable !== undefined) assertFunction('isRetryable', options.isRetryable);
    if (options?.signal !== undefined && !(options.signal instanceof AbortSignal))
      throw new InvalidArgumentError(
        `signal must be an AbortSignal, got ${renderValue(options.signal)}`,
      );
    const maxRetries = options?.maxRetries ?? this.config.timeoutConfig.maxRetries;
    assertWholeNumber('maxRetries', maxRetries, 0);
    const timeoutConfig =
      options?.delays === undefined
        ? this.config.timeoutConfig
        : parseTimeoutConfig({ ...this.config.timeoutConfig, ...options.delays });
    return runWithRetry(fn, {
      policy: retryPolicyFrom(timeoutConfig, maxRetries),
      clock: this.clock,
      random: Math.random,
      ...(options?.isRetryable === undefined ? {} : { isRetryable: options.isRetryable }),
      ...(options?.signal === undefined ? {} : { signal: options.signal }),
    });
  }

  /**
   * Creates and starts an execution, runs `fn` with its id and an `AbortSignal`, and ends the
   * execution with `fn`'s outcome. Once it is older than its timeout (1 ms past it) the execution
   * is `timeout`, the signal aborts and the promise rejects with `ExecutionTimeoutError` without
   * waiting for `fn`.
   *
   * Given `{ executionId }` instead, `fn` runs under that existing execution (one agent run, one
   * execution): a pending one is started, `timeoutSeconds` moves its deadline to that long from
   * now, and its heartbeat deadline and phases stay as they are. `fn`'s value and failure go to
   * the caller without ending the execution (its creator ends it); the tracker ending it first
   * aborts the signal and rejects with the reason, as above. Unknown ids throw
   * `UnknownExecutionError`; an ended execution, or one already running work, `InvalidArgumentError`.
   */
  trackExecutionWithTimeout<T>(
    options: TrackExecutionOptions | AttachedWorkOptions,
    fn: (context: { executionId: string; signal: AbortSignal }) => Promise<T>,
  ): Promise<T> {
    try {
      this.assertUsable();
      return this.lifecycle.track(undefined, options, fn);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * The response to show a user when an agent could not answer; also delivered through the
   * legacy notifier's `notifyAgentCompleted` (a notifier failure is counted, not thrown).
   */
  async createFallbackResponse(
    agentName: string,
    error: unknown,
    runId: string,
    notifier?: LegacyNotifier,
  ): Promise<FallbackResponse> {
    assertNonEmptyString('agentName', agentName);
    assertNonEmptyString('runId', runId);
    if (notifier !== undefined) assertNotifier(notifier);
    const response = buildFallbackResponse(this.clock, agentName, error, runId);
    try {
      await deliverFallback(notifier, response);
    } catch {
      this.lifecycle.counters.notifierErrors++;
    }
    return response;
  }

  /**
   * Reports the death of an execution another process owned, found by a store's death sweep
   * after that process crashed (`recoverExecutions` in `@aet/store-redis` calls this for each
   * record it won): emits its `agent_death` event to this tracker's subscribers and runs the
   * `onDeath` callbacks. Call it only for records this process marked DEAD by compare-and-set,
   * so that each death is reported once across processes.
   */
  reportRecoveredDeath(record: ExecutionRecord): void {
    this.assertUsable();
    assertObject('record', record);
    if ((record as { state?: unknown }).state !== 'dead')
      throw new InvalidArgumentError(
        `reportRecoveredDeath takes a record in state dead, got ${renderValue((record as { state?: unknown }).state)}`,
      );
    // What the agent_death event carries: a record with junk there would emit junk to every user.
    for (const field of ['id', 'userId', 'threadId', 'runId', 'requestId', 'agentName'] as const)
      assertNonEmptyString(`record.${field}`, record[field]);
    assertWholeNumber('record.seq', record.seq, 0);
    assertNonNegativeNumber('record.lastHeartbeatAt', record.lastHeartbeatAt);
    this.lifecycle.reportRecoveredDeath(record);
  }

  /** Calls `callback` with each execution declared dead. Returns the unsubscribe function. */
  onDeath(callback: ExecutionEndCallback): () => void {
    assertFunction('callback', callback);
    return this.lifecycle.onEnd('dead', callback);
  }

  /** Calls `callback` with each execution that timed out. Returns the unsubscribe function. */
  onTimeout(callback: ExecutionEndCallback): () => void {
    assertFunction('callback', callback);
    return this.lifecycle.onEnd('timeout', callback);
  }

  // ─── Consolidated helpers ───────────────────────────────────────────────────────────────────

  /** Creates an execution for a user context, with an optional timeout config and initial state. */
  createExecutionWithFullContext(
    agentName: string,
    userContext: UserExecutionContextInput | UserExecutionContext,
    timeoutConfig?: TimeoutConfigInput,
    initialState: ExecutionState = ExecutionState.PENDING,
  ): string {
    const context = createUserExecutionContext(userContext);
    assertState('initialState', initialState);
    const timeout = timeoutConfig === undefined ? undefined : parseTimeoutConfig(timeoutConfig);
    return this.createExecutionWithState({
      agentName,
      userId: context.userId,
      threadId: context.threadId,
      runId: context.runId,
      requestId: context.requestId,
      ...(timeout === undefined ? {} : { timeoutSeconds: timeout.agentExecutionTimeout }),
      metadata: { ...context.metadata },
      state: initialState,
    });
  }

  /** Creates an execution and moves it straight to `state`. */
  createExecutionWithState(options: CreateExecutionOptions & { state: ExecutionState }): string {
    assertObject('options', options);
    const { state, ...create } = options;
    assertState('state', state);
    const id = this.createExecution(create);
    if (state !== ExecutionState.PENDING) this.updateExecutionState(id, state);
    return id;
  }

  /** The record, state view, timeout status, breaker status and phase history of one execution. */
  getExecutionWithFullContext(executionId: string): ExecutionFullContext | undefined {
    const record = this.lifecycle.find(undefined, executionId);
    if (record === undefined) return undefined;
    return fullContextOf(record, this.clock.now(), this.breakers.status(record.agentName));
  }

  /** Cancels the execution if it is alive, then removes it from the live set. */
  cleanupExecutionCompletely(executionId: string): boolean {
    return this.lifecycle.cleanupCompletely(undefined, executionId);
  }

  /** Cancels and removes every live execution of `userId`; returns how many were removed. */
  cleanupUserData(userId: string): number {
    assertNonEmptyString('userId', userId);
    return this.lifecycle.cleanupUser(userId);
  }

  // ─── Isolation, events, lifetime ────────────────────────────────────────────────────────────

  /**
   * A view of the tracker limited to one user: it creates executions stamped with that user and
   * sees, changes and hears about only theirs. Another user's id behaves as unknown.
   */
  forUser(context: UserExecutionContextInput | UserExecutionContext): UserExecutionScope {
    const userContext = createUserExecutionContext(context);
    const userId = userContext.userId;
    const lifecycle = this.lifecycle;
    return new UserExecutionScope(userContext, {
      create: (options) => {
        this.assertUsable();
        return lifecycle.create(userId, options);
      },
      start: (id) => lifecycle.start(userId, id),
      heartbeat: (id, progress) => lifecycle.heartbeat(userId, id, progress),
      updateState: (id, state, options) => lifecycle.updateState(userId, id, state, options),
      transition: (id, phase, options) => lifecycle.transition(userId, id, phase, options),
      toolStarted: (id, toolName, parameters) =>
        lifecycle.toolStarted(userId, id, toolName, parameters),
      toolCompleted: (id, toolName, options) =>
        lifecycle.toolCompleted(userId, id, toolName, options),
      complete: (id, options) => lifecycle.complete(userId, id, options),
      fail: (id, error, errorContext) => lifecycle.fail(userId, id, error, errorContext),
      cancel: (id, reason) => lifecycle.cancel(userId, id, reason),
      get: (id) => {
        const record = lifecycle.find(userId, id);
        return record && snapshotOf(record);
      },
      history: (id) => lifecycle.find(userId, id)?.phaseHistory.slice() ?? [],
      list: () => [...lifecycle.index.ofUser(userId)].map(snapshotOf),
      aliveCount: () => lifecycle.index.aliveCountOf(userId),
      cleanup: (id) => lifecycle.cleanup(userId, id),
      cleanupAll: () => lifecycle.cleanupUser(userId),
      track: (options, fn) => {
        this.assertUsable();
        return lifecycle.track(userId, options, fn);
      },
      subscribe: (listener) => this.bus.subscribe(listener, userId),
    });
  }

  /** Subscribes to every event. Returns the unsubscribe function. */
  subscribe(listener: (event: TrackerEvent) => unknown): () => void {
    return this.bus.subscribe(listener);
  }

  /** Resolves once every change so far is written to the store. */
  flush(): Promise<void> {
    return this.replicator?.flush() ?? Promise.resolve();
  }

  /** Runs the deadlines that are due now (normally the scheduler's own timer does this). */
  runDueDeadlines(): number {
    return this.lifecycle.runDueDeadlines();
  }

  /** Number of scheduled deadline entries, for diagnostics and benchmarks. */
  get scheduledDeadlines(): number {
    return this.lifecycle.scheduledDeadlines;
  }

  /** Stops the deadline and lease timers and flushes the store; the tracker refuses new work afterwards. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.lifecycle.dispose();
    await this.flush();
    this.replicator?.dispose();
  }

  private assertUsable(): void {
    if (this.disposed) {
      throw new TrackerDisposedError();
    }
  }
}
