import type { AdaptiveTimeouts } from './adaptiveTimeouts.js';
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
import { CompletedHistory } from './completedHistory.js';
import {
  InvalidTransitionError,
  UnknownExecutionError,
  UserConcurrencyLimitError,
} from './errors.js';
import type { EventBus } from './eventBus.js';
import * as events from './eventFactory.js';
import type { DeathSource } from './eventFactory.js';
import { ExecutionDeadlines } from './executionDeadlines.js';
import { ExecutionEndCallbacks, type ExecutionEndKind } from './executionEndCallbacks.js';
import { ExecutionIndex } from './executionIndex.js';
import { callIsolated } from './isolatedCall.js';
import {
  frozenCopy,
  newPendingExecution,
  snapshotOf,
  type ExecutionRecord,
  type MutableExecution,
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
import { phaseEventOf, terminalEventOf } from './lifecycleEvents.js';
import { appendTransition, CLOSED_BY_STATE } from './phaseHistory.js';
import type { StoreReplicator } from './storeReplicator.js';
import { isAttachedWork, runAttachedWork } from './attachedWork.js';
import { abortTrackedWork, runTrackedWork } from './trackedWork.js';
import type { TrackerConfig, TransitionPolicy } from './trackerConfig.js';
import { MetricsCounters } from './trackerMetrics.js';
import type {
  CreateExecutionOptions,
  ExecutionEndCallback,
  ToolCompletedOptions,
  AttachedWorkOptions,
  TrackExecutionOptions,
  TransitionOptions,
  UpdateStateOptions,
} from './trackerOptions.js';
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
 *
 * Its parts live beside it: the deadlines in `executionDeadlines.ts`, the phase history in
 * `phaseHistory.ts`, which event each move emits in `lifecycleEvents.ts`, work the tracker runs in
 * `trackedWork.ts`, the end callbacks and the completed history in files of their own.
 * @internal
 */
export class ExecutionLifecycle {
  readonly index = new ExecutionIndex();
  readonly counters = new MetricsCounters();
  readonly clock: Clock;
  private readonly config: TrackerConfig;
  private readonly bus: EventBus;
  private readonly adaptive: AdaptiveTimeouts;
  private readonly replicator: StoreReplicator | undefined;
  private readonly deadlines: ExecutionDeadlines;
  private readonly heartbeatTimeoutMs: number;
  private readonly cleanupMs: number;
  private readonly completed: CompletedHistory;
  private readonly endCallbacks = new ExecutionEndCallbacks(() => {
    this.counters.callbackErrors++;
  });

  /** Calls a legacy notifier, isolating and counting its failures. */
  readonly notify = (
    notifier: LegacyNotifier | undefined,
    call: (notifier: LegacyNotifier) => unknown,
  ): void => {
    if (notifier === undefined) return;
    callIsolated(
      () => call(notifier),
      () => {
        this.counters.notifierErrors++;
      },
    );
  };

  constructor(deps: LifecycleDependencies) {
    this.config = deps.config;
    this.clock = deps.clock;
    this.bus = deps.bus;
    this.adaptive = deps.adaptive;
    this.replicator = deps.replicator;
    this.heartbeatTimeoutMs = deps.config.heartbeatTimeout * 1000;
    this.cleanupMs = deps.config.cleanupInterval * 1000;
    this.completed = new CompletedHistory(deps.config.maxCompletedHistory);
    this.deadlines = new ExecutionDeadlines(this.clock, {
      onMissedHeartbeat: (record, now) => {
        const silentSeconds = ((now - record.lastHeartbeatAt) / 1000).toFixed(1);
        this.finish(record, ExecutionState.DEAD, now, `No heartbeat for ${silentSeconds}s`);
      },
      onTimedOut: (record, now) => {
        const limit = record.timeoutMs / 1000;
        this.finish(record, ExecutionState.TIMEOUT, now, `Execution exceeded ${limit}s timeout`);
      },
      onCleanupDue: (record) => {
        this.remove(record);
      },
    });
  }

  get scheduledDeadlines(): number {
    return this.deadlines.size;
  }

  get completedHistorySize(): number {
    return this.completed.size;
  }

  completedHistory(): ExecutionRecord[] {
    return this.completed.snapshots();
  }

  runDueDeadlines(): number {
    return this.deadlines.runDue();
  }

  dispose(): void {
    this.deadlines.dispose();
  }

  defaultTimeoutSeconds(agentName: string): number {
    return this.adaptive.timeoutSeconds(agentName, this.config.timeoutConfig.agentExecutionTimeout);
  }

  onEnd(kind: ExecutionEndKind, callback: ExecutionEndCallback): () => void {
    return this.endCallbacks.add(kind, callback);
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
    const heartbeatTimeoutMs =
      heartbeatSeconds === null
        ? null
        : heartbeatSeconds === undefined
          ? this.heartbeatTimeoutMs
          : heartbeatSeconds * 1000;
    const record = newPendingExecution(
      options,
      now,
      timeoutSeconds * 1000,
      heartbeatTimeoutMs,
      attempt,
    );
    this.index.add(record);
    this.counters.totalExecutions++;
    this.deadlines.scheduleNext(record, now);
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
    assertOptionalObject('options', options);
    // Each option read once, and checked before anything changes: the record's error is a string.
    const policy = options?.policy;
    const error = options?.error;
    const result = options?.result;
    if (policy !== undefined) assertPolicy(policy);
    if (error !== undefined) assertString('error', error);
    const record = this.require(owner, executionId);
    if (record === null || isTerminalState(record.state)) return false;
    if (!isStateTransitionAllowed(record.state, state)) {
      const from = record.state;
      const allowed = EXECUTION_STATES.filter((to) => isStateTransitionAllowed(from, to));
      this.rejectOrWarn(record, from, state, allowed, policy);
    }
    const now = this.clock.now();
    if (isTerminalState(state)) {
      this.finish(record, state, now, error, result);
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
    this.deadlines.scheduleNext(record, this.clock.now());
    this.deadlines.runDue();
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
    options: TrackExecutionOptions | AttachedWorkOptions,
    fn: (context: { executionId: string; signal: AbortSignal }) => Promise<T>,
  ): Promise<T> {
    return isAttachedWork(options)
      ? runAttachedWork(this, owner, options, fn)
      : runTrackedWork(this, owner, options, fn);
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
    const completed = this.completed.get(executionId);
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
    appendTransition(record, phase, now, metadata, valid, 'phase', this.config.maxPhaseHistory);
    record.lastHeartbeatAt = now;
    if (isWorkingPhase(phase) || phase === AgentExecutionPhase.COMPLETING) {
      record.startedAt ??= now;
      const target =
        phase === AgentExecutionPhase.COMPLETING
          ? ExecutionState.COMPLETING
          : ExecutionState.RUNNING;
      if (isStateTransitionAllowed(record.state, target)) record.state = target;
    }
    const event = phaseEventOf(record, phase, metadata, now);
    if (event !== undefined) this.bus.emit(event);
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
      const metadata = CLOSED_BY_STATE[state];
      appendTransition(record, closing, now, metadata, true, 'state', this.config.maxPhaseHistory);
    }
    this.index.markTerminal(record);
    this.counters.countTerminal(state);
    this.learnFromEnd(record, state, now);
    this.bus.emit(terminalEventOf(record, state, now));
    abortTrackedWork(record, state, now, this.notify);
    if (state === ExecutionState.DEAD) this.endCallbacks.run('dead', () => snapshotOf(record));
    if (state === ExecutionState.TIMEOUT) {
      this.endCallbacks.run('timeout', () => snapshotOf(record));
    }
    this.changed(record);
    this.deadlines.scheduleCleanup(record, now + this.cleanupMs);
  }

  /** Adaptive timeouts learn from how first attempts end: their duration, or a timeout. */
  private learnFromEnd(record: MutableExecution, state: TerminalExecutionState, now: number): void {
    if (state === ExecutionState.COMPLETED && record.attempt === 1) {
      this.adaptive.recordDuration(record.agentName, now - record.createdAt);
    } else if (state === ExecutionState.TIMEOUT) {
      this.adaptive.recordTimeout(record.agentName);
    }
  }

  private remove(record: MutableExecution): void {
    this.index.remove(record);
    this.deadlines.cancel(record);
    this.completed.add(record);
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
    this.endCallbacks.run('dead', () => record);
  }
}

const NO_METADATA: Readonly<Record<string, unknown>> = Object.freeze({});
