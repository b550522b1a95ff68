import { sleep, type Clock } from './clock.js';
import { InvalidArgumentError, isRetryableError } from './errors.js';
import { renderValue } from './zodIssues.js';
import type { RetryJitter, TimeoutConfig } from './trackerConfig.js';

/** How `executeWithRetry` spaces its attempts (milliseconds). */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  readonly maxRetries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly exponentialBase: number;
  readonly jitter: RetryJitter;
}

/** The retry policy a timeout configuration describes. */
export function retryPolicyFrom(
  config: TimeoutConfig,
  maxRetries = config.maxRetries,
): RetryPolicy {
  return {
    maxRetries,
    baseDelayMs: config.retryBaseDelay * 1000,
    maxDelayMs: config.retryMaxDelay * 1000,
    exponentialBase: config.retryExponentialBase,
    jitter: config.retryJitter,
  };
}

/**
 * Delay before retry number `retry` (1-based): base × exponentialBase^(retry−1), capped, then
 * jittered. With the reference's defaults and no jitter: 1 s, 2 s, 4 s, 5 s, 5 s…
 * `random` returns a number in [0, 1).
 */
export function retryDelayMs(policy: RetryPolicy, retry: number, random: () => number): number {
  const exponential = policy.baseDelayMs * policy.exponentialBase ** (retry - 1);
  const capped = Math.min(exponential, policy.maxDelayMs);
  switch (policy.jitter) {
    case 'none':
      return capped;
    case 'full':
      return random() * capped;
    case 'equal':
      return capped / 2 + (random() * capped) / 2;
  }
}

/** Options of one retried run. */
export interface RetryRunOptions {
  readonly policy: RetryPolicy;
  readonly clock: Clock;
  readonly random: () => number;
  /** Which errors are worth another attempt. @default isRetryableError */
  readonly isRetryable?: (error: unknown) => boolean;
  /** Stops waiting and rethrows the abort reason. */
  readonly signal?: AbortSignal;
  /** Called before each retry with the attempt that failed and the coming delay. */
  readonly onRetry?: (attempt: number, error: unknown, delayMs: number) => void;
}

/**
 * What `isRetryable` says of `error`. It must answer with a boolean: a promise (an `async`
 * predicate) is refused with `InvalidArgumentError`, and its own rejection is handled, so it can
 * never surface as an unhandled rejection.
 */
function retryableVerdict(isRetryable: (error: unknown) => unknown, error: unknown): boolean {
  const verdict = isRetryable(error);
  if (typeof verdict === 'boolean') return verdict;
  const thenable = typeof (verdict as { then?: unknown } | null)?.then === 'function';
  if (thenable) (verdict as PromiseLike<unknown>).then(undefined, () => undefined);
  throw new InvalidArgumentError(
    thenable
      ? 'isRetryable must return a boolean, got a promise (an async predicate cannot decide a retry)'
      : `isRetryable must return a boolean, got ${renderValue(verdict)}`,
  );
}

/**
 * Runs `fn(attempt)` (attempt 1, 2, …) until it resolves, a non-retryable error occurs, or
 * `maxRetries` retries have failed; then rethrows the last error, as the legacy API did.
 */
export async function runWithRetry<T>(
  fn: (attempt: number) => Promise<T>,
  options: RetryRunOptions,
): Promise<T> {
  const isRetryable = options.isRetryable ?? isRetryableError;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (attempt > options.policy.maxRetries || !retryableVerdict(isRetryable, error)) throw error;
      if (options.signal?.aborted) throw error;
      const delay = retryDelayMs(options.policy, attempt, options.random);
      options.onRetry?.(attempt, error, delay);
      await sleep(options.clock, delay, options.signal);
    }
  }
}
