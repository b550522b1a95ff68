/** Every code a {@link TrackerError} can carry; callers may switch on it or use `instanceof`. */
export type TrackerErrorCode =
  | 'TRACKER_CONFIG_INVALID'
  | 'TRACKER_CONSTRUCTION_FORBIDDEN'
  | 'TRACKER_DISPOSED'
  | 'INVALID_ARGUMENT'
  | 'INVALID_TRANSITION'
  | 'UNKNOWN_EXECUTION'
  | 'CIRCUIT_BREAKER_OPEN'
  | 'EXECUTION_TIMEOUT'
  | 'EXECUTION_CANCELLED'
  | 'EXECUTION_DEAD'
  | 'USER_CONCURRENCY_LIMIT'
  | 'INVALID_USER_CONTEXT'
  | 'INVALID_ID';

/** Base class of every error tracker-core throws. */
export class TrackerError extends Error {
  override readonly name: string = 'TrackerError';
  readonly code: TrackerErrorCode;

  constructor(code: TrackerErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** The tracker configuration failed validation; the message names each bad field and value. */
export class TrackerConfigError extends TrackerError {
  override readonly name = 'TrackerConfigError';
  constructor(message: string) {
    super('TRACKER_CONFIG_INVALID', message);
  }
}

/** `new AgentExecutionTracker()` was called; use `getExecutionTracker()` or `createExecutionTracker()`. */
export class TrackerConstructionError extends TrackerError {
  override readonly name = 'TrackerConstructionError';
  constructor() {
    super(
      'TRACKER_CONSTRUCTION_FORBIDDEN',
      'AgentExecutionTracker cannot be constructed directly: use getExecutionTracker() for the ' +
        'process singleton or createExecutionTracker(config) for an isolated instance',
    );
  }
}

/** The tracker was disposed and takes no new work. */
export class TrackerDisposedError extends TrackerError {
  override readonly name = 'TrackerDisposedError';
  constructor() {
    super('TRACKER_DISPOSED', 'this tracker was disposed and takes no new work; create a new one');
  }
}

/** An argument was of the wrong kind or out of range (a state outside the enum, a non-function callback…). */
export class InvalidArgumentError extends TrackerError {
  override readonly name = 'InvalidArgumentError';
  constructor(message: string) {
    super('INVALID_ARGUMENT', message);
  }
}

/** A phase or state transition the table does not allow, under the `strict` policy. */
export class InvalidTransitionError extends TrackerError {
  override readonly name = 'InvalidTransitionError';
  constructor(
    readonly executionId: string,
    readonly from: string,
    readonly to: string,
    readonly allowed: readonly string[],
  ) {
    super(
      'INVALID_TRANSITION',
      `execution ${executionId}: transition ${from} → ${to} is not allowed (allowed from ${from}: ` +
        `${allowed.length > 0 ? allowed.join(', ') : 'nothing, it is final'})`,
    );
  }
}

/** The execution id is not known — or, inside a user scope, belongs to another user. */
export class UnknownExecutionError extends TrackerError {
  override readonly name = 'UnknownExecutionError';
  constructor(readonly executionId: string) {
    super('UNKNOWN_EXECUTION', `unknown execution id: ${JSON.stringify(executionId)}`);
  }
}

/** A call was refused because the named circuit breaker is open. */
export class CircuitBreakerOpenError extends TrackerError {
  override readonly name = 'CircuitBreakerOpenError';
  constructor(
    readonly breakerKey: string,
    readonly retryAfterMs: number,
  ) {
    super(
      'CIRCUIT_BREAKER_OPEN',
      `circuit breaker ${JSON.stringify(breakerKey)} is open; next attempt allowed in ` +
        `${(retryAfterMs / 1000).toFixed(1)}s`,
    );
  }
}

/** Work ran past its deadline. */
export class ExecutionTimeoutError extends TrackerError {
  override readonly name = 'ExecutionTimeoutError';
  constructor(
    readonly operation: string,
    readonly timeoutMs: number,
  ) {
    super('EXECUTION_TIMEOUT', `${operation} timed out after ${(timeoutMs / 1000).toFixed(1)}s`);
  }
}

/** Work was cancelled before it finished. */
export class ExecutionCancelledError extends TrackerError {
  override readonly name = 'ExecutionCancelledError';
  constructor(
    readonly executionId: string,
    reason: string,
  ) {
    super('EXECUTION_CANCELLED', `execution ${executionId} was cancelled: ${reason}`);
  }
}

/** An execution sent no heartbeat within its heartbeat timeout and was declared dead. */
export class ExecutionDeadError extends TrackerError {
  override readonly name = 'ExecutionDeadError';
  constructor(
    readonly executionId: string,
    readonly silentForMs: number,
  ) {
    super(
      'EXECUTION_DEAD',
      `execution ${executionId} is dead: no heartbeat for ${(silentForMs / 1000).toFixed(1)}s`,
    );
  }
}

/** A user already has the configured maximum number of alive executions. */
export class UserConcurrencyLimitError extends TrackerError {
  override readonly name = 'UserConcurrencyLimitError';
  constructor(
    readonly userId: string,
    readonly limit: number,
  ) {
    super(
      'USER_CONCURRENCY_LIMIT',
      `user ${JSON.stringify(userId)} already has ${limit} alive executions (maxConcurrentPerUser = ${limit})`,
    );
  }
}

/** A user context (or a user/thread id) is missing, empty or a placeholder value. */
export class InvalidUserContextError extends TrackerError {
  override readonly name = 'InvalidUserContextError';
  constructor(message: string) {
    super('INVALID_USER_CONTEXT', message);
  }
}

/** A string is not an id minted by UnifiedIDManager (or not of the expected type). */
export class InvalidIdError extends TrackerError {
  override readonly name = 'InvalidIdError';
  constructor(message: string) {
    super('INVALID_ID', message);
  }
}

/** Whether an error should be retried: tracker errors about bad input, ids, open breakers and cancellation are not. */
export function isRetryableError(error: unknown): boolean {
  if (error instanceof TrackerError) {
    return error.code === 'EXECUTION_TIMEOUT';
  }
  if (typeof error === 'object' && error !== null && 'retryable' in error) {
    return error.retryable !== false;
  }
  return true;
}
