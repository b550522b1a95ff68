import { assertFunction, assertNotifier, assertObject } from './argumentChecks.js';
import type { Clock } from './clock.js';
import { ExecutionCancelledError, ExecutionDeadError, ExecutionTimeoutError } from './errors.js';
import type { MutableExecution } from './executionRecord.js';
import { ExecutionState, isAliveState, type TerminalExecutionState } from './executionState.js';
import type { LegacyNotifier } from './legacyNotifier.js';
import type { CreateExecutionOptions, TrackExecutionOptions } from './trackerOptions.js';
import { UnifiedIDManager } from './unifiedIdManager.js';
import { outcomeOf } from './workOutcome.js';

/** Calls a legacy notifier, isolating and counting its failures. @internal */
export type NotifyLegacy = (
  notifier: LegacyNotifier | undefined,
  call: (notifier: LegacyNotifier) => unknown,
) => void;

/**
 * What running work as an execution needs from the lifecycle (the owner is the user of a scope,
 * undefined for unscoped tracker calls).
 * @internal
 */
export interface TrackedWorkHost {
  readonly clock: Clock;
  readonly notify: NotifyLegacy;
  create(owner: string | undefined, options: CreateExecutionOptions): string;
  start(owner: string | undefined, executionId: string): boolean;
  complete(owner: string | undefined, executionId: string, options: { result: unknown }): boolean;
  fail(owner: string | undefined, executionId: string, error: string | Error): boolean;
  find(owner: string | undefined, executionId: string): MutableExecution | undefined;
  setTimeout(owner: string | undefined, executionId: string, timeoutMs: number): boolean;
}

/**
 * Runs `fn` as a new execution under its execution deadline (see `trackExecutionWithTimeout`):
 * the value completes the execution, a throw fails it, and the tracker ending it first (timeout,
 * death, cancel) aborts the work's signal and rejects with the reason.
 * @internal
 */
export function runTrackedWork<T>(
  host: TrackedWorkHost,
  owner: string | undefined,
  options: TrackExecutionOptions,
  fn: (context: { executionId: string; signal: AbortSignal }) => Promise<T>,
): Promise<T> {
  assertFunction('fn', fn);
  assertObject('options', options);
  if (options.notifier !== undefined) assertNotifier(options.notifier);
  const executionId = host.create(owner, {
    agentName: options.agentName,
    userId: options.userId,
    threadId: options.threadId ?? UnifiedIDManager.generateThreadId(),
    heartbeatTimeoutSeconds: options.heartbeatTimeoutSeconds ?? null,
    ...(options.runId === undefined ? {} : { runId: options.runId }),
    ...(options.timeoutSeconds === undefined ? {} : { timeoutSeconds: options.timeoutSeconds }),
    ...(options.attempt === undefined ? {} : { attempt: options.attempt }),
    ...(options.metadata === undefined ? {} : { metadata: options.metadata }),
  });
  const record = host.find(owner, executionId) as MutableExecution;
  // Creating the controller is cheap; Node builds its signal (~2 µs) only when first read, so
  // the work gets it through a getter and pays only if it looks.
  const controller = new AbortController();
  record.abortController = controller;
  record.notifier = options.notifier;
  host.start(owner, executionId);
  return runUntilAborted(record, executionId, controller, fn, {
    onValue(value, aborted) {
      if (isAliveState(record.state)) host.complete(owner, executionId, { result: value });
      if (record.state === ExecutionState.COMPLETED) return value;
      throw aborted ?? new ExecutionCancelledError(executionId, record.state);
    },
    onError(error) {
      if (isAliveState(record.state)) {
        host.fail(owner, executionId, error instanceof Error ? error : String(error));
        notifyWorkError(host, record, error);
      }
      throw error;
    },
  });
}

/**
 * Runs `fn` with the execution's id and its signal (built only when read). The promise rejects
 * with the tracker's reason the moment the tracker ends the execution (deadline, death, cancel:
 * `record.onAbort`); otherwise it settles with what `onValue` / `onError` return or throw, once
 * the work has. `onAbort` is cleared before either runs. Work of any shape: a plain value, a
 * thenable, or a synchronous throw.
 * @internal
 */
export function runUntilAborted<T>(
  record: MutableExecution,
  executionId: string,
  controller: AbortController,
  fn: (context: { executionId: string; signal: AbortSignal }) => Promise<T>,
  settle: {
    onValue(value: T, aborted: Error | undefined): T;
    onError(error: unknown, aborted: Error | undefined): never;
  },
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let aborted: Error | undefined;
    record.onAbort = (reason) => {
      aborted = reason;
      reject(reason);
    };
    const settleWith = (decide: () => T): void => {
      record.onAbort = undefined;
      try {
        resolve(decide());
      } catch (error) {
        reject(error);
      }
    };
    outcomeOf(() =>
      fn({
        executionId,
        get signal() {
          return controller.signal;
        },
      }),
    ).then(
      (value) => {
        settleWith(() => settle.onValue(value, aborted));
      },
      (error: unknown) => {
        settleWith(() => settle.onError(error, aborted));
      },
    );
  });
}

/**
 * Aborts the work the tracker runs for an execution that has just ended in `state` (nothing to
 * do for other executions, or when the work itself completed it): the work's signal and its
 * promise get the reason, and a timeout is reported to the legacy notifier as the legacy
 * timeout manager did.
 * @internal
 */
export function abortTrackedWork(
  record: MutableExecution,
  state: TerminalExecutionState,
  now: number,
  notify: NotifyLegacy,
): void {
  const controller = record.abortController;
  if (controller === undefined) return;
  record.abortController = undefined;
  if (state === ExecutionState.COMPLETED) return;
  if (state === ExecutionState.TIMEOUT) {
    const seconds = record.timeoutMs / 1000;
    notify(record.notifier, (n) =>
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
      ? new ExecutionTimeoutError(`execution ${record.id} (${record.agentName})`, record.timeoutMs)
      : state === ExecutionState.DEAD
        ? new ExecutionDeadError(record.id, now - record.lastHeartbeatAt)
        : new ExecutionCancelledError(record.id, record.error ?? state);
  controller.abort(reason);
  const onAbort = record.onAbort;
  record.onAbort = undefined;
  onAbort?.(reason);
}

/** Tells the legacy notifier that the work failed, as the legacy timeout manager did. @internal */
export function notifyWorkError(
  host: Pick<TrackedWorkHost, 'clock' | 'notify'>,
  record: MutableExecution,
  error: unknown,
): void {
  host.notify(record.notifier, (n) =>
    n.notifyAgentError?.(record.runId, record.agentName, messageOf(error), {
      error_type: error instanceof Error ? error.name : typeof error,
      execution_duration: (host.clock.now() - record.createdAt) / 1000,
    }),
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
