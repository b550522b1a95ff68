import { AgentExecutionPhase } from './agentExecutionPhase.js';
import { ExecutionState } from './executionState.js';
import type { LegacyNotifier } from './legacyNotifier.js';
import type { CreateExecutionOptions } from './trackerOptions.js';
import { UnifiedIDManager } from './unifiedIdManager.js';

/** One entry of an execution's phase history. */
export interface PhaseTransition {
  /** The phase left; `null` for the first entry. */
  readonly fromPhase: AgentExecutionPhase | null;
  readonly toPhase: AgentExecutionPhase;
  /** Epoch ms. */
  readonly timestamp: number;
  /** Time spent in `fromPhase`. */
  readonly durationMs: number;
  readonly metadata: Readonly<Record<string, unknown>>;
  /** False when the table did not allow it and the `warn` policy applied it anyway. */
  readonly valid: boolean;
  /** `phase` for a `transitionState` call; `state` when a terminal state closed the history. */
  readonly cause: 'phase' | 'state';
}

/** A read-only snapshot of one execution, as every getter returns it. */
export interface ExecutionRecord {
  readonly id: string;
  readonly agentName: string;
  readonly userId: string;
  readonly threadId: string;
  readonly runId: string;
  readonly requestId: string;
  readonly state: ExecutionState;
  readonly phase: AgentExecutionPhase;
  /** Epoch ms of creation (the execution deadline counts from here). */
  readonly createdAt: number;
  /** Epoch ms of `startExecution`, when it happened. */
  readonly startedAt: number | undefined;
  readonly lastHeartbeatAt: number;
  readonly updatedAt: number;
  /** Epoch ms of the terminal transition. */
  readonly completedAt: number | undefined;
  readonly heartbeatCount: number;
  /** The execution deadline, in seconds after `createdAt`. */
  readonly timeoutSeconds: number;
  /** Heartbeat timeout in seconds; `null` when the execution has no heartbeat deadline. */
  readonly heartbeatTimeoutSeconds: number | null;
  readonly result: unknown;
  readonly error: string | undefined;
  readonly metadata: Readonly<Record<string, unknown>>;
  /** The most recent phase transitions (bounded by `maxPhaseHistory`). */
  readonly phaseHistory: readonly PhaseTransition[];
  /** Number of phase transitions ever made (not bounded). */
  readonly phaseCount: number;
  readonly warningCount: number;
  readonly errorCount: number;
  /** Sequence number of the last event emitted for this execution (0 before the first). */
  readonly seq: number;
  /** Bumped on every change; stores use it for compare-and-set. */
  readonly version: number;
  /** 1 for a first attempt; retried attempts are not used to learn adaptive timeouts. */
  readonly attempt: number;
}

/**
 * The tracker's own mutable record. Never handed out: getters return {@link snapshotOf}.
 * @internal
 */
export interface MutableExecution {
  id: string;
  agentName: string;
  userId: string;
  threadId: string;
  runId: string;
  requestId: string;
  state: ExecutionState;
  phase: AgentExecutionPhase;
  createdAt: number;
  startedAt: number | undefined;
  lastHeartbeatAt: number;
  updatedAt: number;
  phaseEnteredAt: number;
  completedAt: number | undefined;
  heartbeatCount: number;
  timeoutMs: number;
  /** `null`: no heartbeat deadline (the tracker itself runs the work). */
  heartbeatTimeoutMs: number | null;
  result: unknown;
  error: string | undefined;
  metadata: Record<string, unknown>;
  phaseHistory: PhaseTransition[];
  phaseCount: number;
  warningCount: number;
  errorCount: number;
  seq: number;
  version: number;
  attempt: number;
  /** When the deadline scheduler next looks at this execution (its heap key). */
  wakeAt: number;
  /** Position in the deadline scheduler's heap, -1 when not scheduled. */
  heapIndex: number;
  /** The scheduler's tie-breaker among equal wake-up times. */
  heapSeq: number;
  /** What the store replicator has queued for this record, if anything. */
  replicationPending: 'full' | 'heartbeat' | undefined;
  /** Aborted at the deadline or on cancel, for work the tracker runs. */
  abortController: AbortController | undefined;
  /** Told why, when the tracker ends work it runs (rejects the tracked promise). */
  onAbort: ((reason: Error) => void) | undefined;
  /** Remembered from `trackExecutionWithTimeout`, for its terminal notifications. */
  notifier: LegacyNotifier | undefined;
  /** Start time of each tool between `toolStarted` and `toolCompleted` (created on first use). */
  openTools: Map<string, number> | undefined;
}

/**
 * A new execution, pending since `now`, from validated options (ids not given are minted here).
 * @internal
 */
export function newPendingExecution(
  options: CreateExecutionOptions,
  now: number,
  timeoutMs: number,
  heartbeatTimeoutMs: number | null,
  attempt: number,
): MutableExecution {
  return {
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
    timeoutMs,
    heartbeatTimeoutMs,
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
}

const EMPTY: Readonly<Record<string, unknown>> = Object.freeze({});

/**
 * A frozen shallow copy of `source`; empty objects share one frozen instance. (Freezing a fresh
 * spread copy is the expensive part of a snapshot, and most metadata is empty.)
 * @internal
 */
export function frozenCopy(
  source: Readonly<Record<string, unknown>>,
): Readonly<Record<string, unknown>> {
  for (const key in source) {
    if (Object.hasOwn(source, key)) return Object.freeze({ ...source });
  }
  return EMPTY;
}

/** A frozen copy of `record` that shares nothing mutable with it. @internal */
export function snapshotOf(record: MutableExecution): ExecutionRecord {
  return Object.freeze({
    id: record.id,
    agentName: record.agentName,
    userId: record.userId,
    threadId: record.threadId,
    runId: record.runId,
    requestId: record.requestId,
    state: record.state,
    phase: record.phase,
    createdAt: record.createdAt,
    startedAt: record.startedAt,
    lastHeartbeatAt: record.lastHeartbeatAt,
    updatedAt: record.updatedAt,
    completedAt: record.completedAt,
    heartbeatCount: record.heartbeatCount,
    timeoutSeconds: record.timeoutMs / 1000,
    heartbeatTimeoutSeconds:
      record.heartbeatTimeoutMs === null ? null : record.heartbeatTimeoutMs / 1000,
    result: record.result,
    error: record.error,
    metadata: frozenCopy(record.metadata),
    phaseHistory: Object.freeze(record.phaseHistory.slice()),
    phaseCount: record.phaseCount,
    warningCount: record.warningCount,
    errorCount: record.errorCount,
    seq: record.seq,
    version: record.version,
    attempt: record.attempt,
  });
}
