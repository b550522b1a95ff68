import {
  assertFunction,
  assertNonEmptyString,
  assertNotifier,
  assertObject,
  assertPositiveSeconds,
} from './argumentChecks.js';
import { ExecutionCancelledError, InvalidArgumentError, UnknownExecutionError } from './errors.js';
import { ExecutionState, isAliveState } from './executionState.js';
import { notifyWorkError, runUntilAborted, type TrackedWorkHost } from './trackedWork.js';
import type { AttachedWorkOptions } from './trackerOptions.js';

/** Options that name an existing execution (anything else is checked as new-execution options). */
export function isAttachedWork(options: unknown): options is AttachedWorkOptions {
  return typeof options === 'object' && options !== null && 'executionId' in options;
}

/**
 * Runs `fn` under an execution that already exists (see `trackExecutionWithTimeout` with an
 * `executionId`): one agent run stays one execution while a part of it runs under a deadline.
 * A pending execution is started; `timeoutSeconds` moves its deadline to that long from now. The
 * work's value and its failure go to the caller and leave the execution alive (whoever created
 * it ends it); the tracker ending it first (deadline, death, cancel) aborts the work's signal and
 * rejects with the reason. One piece of work at a time per execution.
 * @internal
 */
export function runAttachedWork<T>(
  host: TrackedWorkHost,
  owner: string | undefined,
  options: AttachedWorkOptions,
  fn: (context: { executionId: string; signal: AbortSignal }) => Promise<T>,
): Promise<T> {
  assertFunction('fn', fn);
  assertObject('options', options);
  const { executionId, timeoutSeconds, notifier } = options;
  assertNonEmptyString('executionId', executionId);
  if (timeoutSeconds !== undefined) assertPositiveSeconds('timeoutSeconds', timeoutSeconds);
  if (notifier !== undefined) assertNotifier(notifier);
  const record = host.find(owner, executionId);
  if (record === undefined) throw new UnknownExecutionError(executionId);
  if (!isAliveState(record.state))
    throw new InvalidArgumentError(`executionId: execution ${executionId} already ended`);
  if (record.abortController !== undefined)
    throw new InvalidArgumentError(`executionId: execution ${executionId} already runs work`);

  if (record.state === ExecutionState.PENDING) host.start(owner, executionId);
  if (timeoutSeconds !== undefined) {
    const now = host.clock.now();
    host.setTimeout(owner, executionId, now - record.createdAt + timeoutSeconds * 1000);
  }
  // setTimeout runs what is due: an execution already past the new deadline ends here.
  if (!isAliveState(record.state))
    return Promise.reject(new ExecutionCancelledError(executionId, record.state));
  const controller = new AbortController();
  const previousNotifier = record.notifier;
  record.abortController = controller;
  if (notifier !== undefined) record.notifier = notifier;
  const detach = (): void => {
    record.abortController = undefined;
    record.notifier = previousNotifier;
  };
  return runUntilAborted(record, executionId, controller, fn, {
    onValue(value) {
      detach();
      // Completed meanwhile by its owner: the work still succeeded.
      if (isAliveState(record.state) || record.state === ExecutionState.COMPLETED) return value;
      throw new ExecutionCancelledError(executionId, record.state);
    },
    onError(error, aborted) {
      if (isAliveState(record.state) && aborted === undefined) notifyWorkError(host, record, error);
      detach();
      throw error;
    },
  });
}
