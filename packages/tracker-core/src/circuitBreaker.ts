import { z } from 'zod';
import type { Clock } from './clock.js';
import { CircuitBreakerOpenError, TrackerConfigError } from './errors.js';
import { describeZodIssues } from './zodIssues.js';

/** The three breaker states. */
export const CircuitBreakerState = {
  CLOSED: 'closed',
  OPEN: 'open',
  HALF_OPEN: 'half_open',
} as const;
/** One of the {@link CircuitBreakerState} values. */
export type CircuitBreakerState = (typeof CircuitBreakerState)[keyof typeof CircuitBreakerState];

const positiveSeconds = z
  .number({ error: 'must be a number of seconds' })
  .refine((value) => Number.isFinite(value) && value > 0, { error: 'must be > 0 seconds' });
const positiveInt = z
  .number({ error: 'must be a number' })
  .int({ error: 'must be a whole number' })
  .min(1, {
    error: 'must be >= 1',
  });

/** Options of one breaker (seconds). Defaults follow the reference: 3 failures, 30 s, 2 successes. */
export const CircuitBreakerOptionsSchema = z.strictObject({
  /** Consecutive failures that open the breaker. @default 3 */
  failureThreshold: positiveInt.default(3),
  /** How long the breaker stays open before it admits a probe. @default 30 */
  recoveryTimeout: positiveSeconds.default(30),
  /** Successful probes in a row that close it again. @default 2 */
  successThreshold: positiveInt.default(2),
  /** Probes allowed in flight at once while half-open; other calls fail fast. @default 1 */
  halfOpenMaxProbes: positiveInt.default(1),
  /** Growth of the open duration on each re-open from half-open. @default 2 */
  openBackoffMultiplier: z
    .number({ error: 'must be a number' })
    .min(1, { error: 'must be >= 1' })
    .default(2),
  /** Cap of the open duration. @default 300 */
  maxRecoveryTimeout: positiveSeconds.default(300),
  /** Optional failure-rate trip over a sliding time window. */
  failureRate: z
    .strictObject({
      /** Fraction of failed calls (0 < t <= 1) that opens the breaker. */
      threshold: z
        .number({ error: 'must be a number' })
        .gt(0, { error: 'must be > 0' })
        .max(1, { error: 'must be <= 1' }),
      /** Window length. @default 10 */
      windowSeconds: positiveSeconds.default(10),
      /** Calls in the window before the rate counts. @default 10 */
      minimumCalls: positiveInt.default(10),
    })
    .optional(),
});

/** Breaker options as a caller writes them. */
export type CircuitBreakerOptionsInput = z.input<typeof CircuitBreakerOptionsSchema>;
/** Resolved breaker options. */
export type CircuitBreakerOptions = z.output<typeof CircuitBreakerOptionsSchema>;

/** A breaker's observable state. */
export interface CircuitBreakerStatus {
  readonly key: string;
  readonly state: CircuitBreakerState;
  readonly consecutiveFailures: number;
  readonly failureThreshold: number;
  readonly halfOpenSuccesses: number;
  readonly successThreshold: number;
  /** Epoch ms of the last failure, 0 if none. */
  readonly lastFailureAt: number;
  /** Epoch ms after which an open breaker admits a probe (0 when not open). */
  readonly nextAttemptAt: number;
  /** True while calls are refused without a probe. */
  readonly isOpen: boolean;
  /** Current open duration in ms (grows on repeated trips). */
  readonly openDurationMs: number;
  /** Times the breaker has opened. */
  readonly trips: number;
  readonly totalCalls: number;
  readonly totalFailures: number;
  readonly rejectedCalls: number;
}

/** The serialisable part of a breaker, for `export`/`restore` (never shared live across processes). */
export interface CircuitBreakerSnapshot {
  readonly version: 1;
  readonly key: string;
  readonly state: CircuitBreakerState;
  readonly consecutiveFailures: number;
  readonly halfOpenSuccesses: number;
  readonly lastFailureAt: number;
  readonly openedAt: number;
  readonly openDurationMs: number;
  readonly trips: number;
}

const CircuitBreakerSnapshotSchema = z.strictObject({
  version: z.literal(1),
  key: z.string(),
  state: z.enum(['closed', 'open', 'half_open']),
  consecutiveFailures: z.number().int().min(0),
  halfOpenSuccesses: z.number().int().min(0),
  lastFailureAt: z.number(),
  openedAt: z.number(),
  openDurationMs: z.number().positive(),
  trips: z.number().int().min(0),
});

/** Validates breaker options; throws {@link TrackerConfigError} naming the bad field and value. */
export function parseCircuitBreakerOptions(input: unknown, key: string): CircuitBreakerOptions {
  const result = CircuitBreakerOptionsSchema.safeParse(input ?? {}, { reportInput: true });
  if (!result.success) {
    throw new TrackerConfigError(
      `invalid options for circuit breaker ${JSON.stringify(key)}: ${describeZodIssues(result.error)}`,
    );
  }
  return result.data;
}

/** A permit to run one call; settle it exactly once. */
export interface CircuitBreakerPermit {
  success(): void;
  failure(): void;
}

/**
 * A circuit breaker for one dependency (an agent, a tool, `llm`), shared by every execution that
 * calls it. Opens on consecutive failures (and optionally on a failure rate over a time window),
 * moves to half-open lazily once the open duration has passed, admits a bounded number of probes,
 * closes after the success threshold, and re-opens for longer after a failed probe.
 */
export class CircuitBreaker {
  private state: CircuitBreakerState = CircuitBreakerState.CLOSED;
  private consecutiveFailures = 0;
  private halfOpenSuccesses = 0;
  private probesInFlight = 0;
  private lastFailureAt = 0;
  private openedAt = 0;
  private openDurationMs: number;
  private trips = 0;
  private totalCalls = 0;
  private totalFailures = 0;
  private rejectedCalls = 0;
  private readonly window: FailureRateWindow | undefined;

  constructor(
    readonly key: string,
    readonly options: CircuitBreakerOptions,
    private readonly clock: Clock,
  ) {
    this.openDurationMs = options.recoveryTimeout * 1000;
    this.window =
      options.failureRate && new FailureRateWindow(options.failureRate.windowSeconds * 1000);
  }

  /**
   * Asks to run one call. Returns a permit, or throws {@link CircuitBreakerOpenError} without
   * counting anything when the breaker is open or its probes are all in flight.
   */
  acquire(): CircuitBreakerPermit {
    return new Permit(this, this.admit());
  }

  /**
   * @internal Admits one call or throws {@link CircuitBreakerOpenError}; returns whether the call
   * is a half-open probe. The caller must {@link settle} it exactly once.
   */
  admit(): boolean {
    // Closed: nothing to check, not even the clock.
    if (this.state === CircuitBreakerState.CLOSED) {
      this.totalCalls++;
      return false;
    }
    if (this.state === CircuitBreakerState.OPEN) {
      const now = this.clock.now();
      const nextAttemptAt = this.openedAt + this.openDurationMs;
      if (now < nextAttemptAt) this.reject(nextAttemptAt - now);
      this.state = CircuitBreakerState.HALF_OPEN;
      this.halfOpenSuccesses = 0;
      this.probesInFlight = 0;
    }
    if (this.probesInFlight >= this.options.halfOpenMaxProbes) this.reject(0);
    this.probesInFlight++;
    this.totalCalls++;
    return true;
  }

  /** @internal Settles a permit; called once by {@link Permit}. */
  settle(isProbe: boolean, succeeded: boolean): void {
    if (succeeded) this.onSuccess(isProbe);
    else this.onFailure(isProbe);
  }

  /** Runs `fn` under the breaker: its rejection counts as a failure and is re-thrown. */
  async execute<T>(fn: () => Promise<T>): Promise<T> {
    const isProbe = this.admit();
    try {
      const value = await fn();
      this.settle(isProbe, true);
      return value;
    } catch (error) {
      this.settle(isProbe, false);
      throw error;
    }
  }

  status(): CircuitBreakerStatus {
    const isOpen =
      this.state === CircuitBreakerState.OPEN &&
      this.clock.now() < this.openedAt + this.openDurationMs;
    return {
      key: this.key,
      state: this.state,
      consecutiveFailures: this.consecutiveFailures,
      failureThreshold: this.options.failureThreshold,
      halfOpenSuccesses: this.halfOpenSuccesses,
      successThreshold: this.options.successThreshold,
      lastFailureAt: this.lastFailureAt,
      nextAttemptAt:
        this.state === CircuitBreakerState.OPEN ? this.openedAt + this.openDurationMs : 0,
      isOpen,
      openDurationMs: this.openDurationMs,
      trips: this.trips,
      totalCalls: this.totalCalls,
      totalFailures: this.totalFailures,
      rejectedCalls: this.rejectedCalls,
    };
  }

  /** Closes the breaker and forgets failures and growth. */
  reset(): void {
    this.state = CircuitBreakerState.CLOSED;
    this.consecutiveFailures = 0;
    this.halfOpenSuccesses = 0;
    this.probesInFlight = 0;
    this.openedAt = 0;
    this.openDurationMs = this.options.recoveryTimeout * 1000;
    this.window?.clear();
  }

  /** The breaker's state for {@link restore} in another instance or after a restart. */
  export(): CircuitBreakerSnapshot {
    return {
      version: 1,
      key: this.key,
      state: this.state,
      consecutiveFailures: this.consecutiveFailures,
      halfOpenSuccesses: this.halfOpenSuccesses,
      lastFailureAt: this.lastFailureAt,
      openedAt: this.openedAt,
      openDurationMs: this.openDurationMs,
      trips: this.trips,
    };
  }

  /** Restores state exported by {@link export}; throws {@link TrackerConfigError} on a malformed snapshot. */
  restore(snapshot: CircuitBreakerSnapshot): void {
    const result = CircuitBreakerSnapshotSchema.safeParse(snapshot, { reportInput: true });
    if (!result.success) {
      throw new TrackerConfigError(
        `invalid circuit breaker snapshot for ${JSON.stringify(this.key)}: ${describeZodIssues(result.error)}`,
      );
    }
    const s = result.data;
    this.state = s.state;
    this.consecutiveFailures = s.consecutiveFailures;
    this.halfOpenSuccesses = s.halfOpenSuccesses;
    this.lastFailureAt = s.lastFailureAt;
    this.openedAt = s.openedAt;
    this.openDurationMs = s.openDurationMs;
    this.trips = s.trips;
    this.probesInFlight = 0;
  }

  private reject(retryAfterMs: number): never {
    this.rejectedCalls++;
    throw new CircuitBreakerOpenError(this.key, retryAfterMs);
  }

  private onSuccess(isProbe: boolean): void {
    this.window?.record(this.clock.now(), false);
    if (isProbe && this.state === CircuitBreakerState.HALF_OPEN) {
      this.probesInFlight--;
      this.halfOpenSuccesses++;
      if (this.halfOpenSuccesses >= this.options.successThreshold) {
        this.state = CircuitBreakerState.CLOSED;
        this.consecutiveFailures = 0;
        this.halfOpenSuccesses = 0;
        this.openDurationMs = this.options.recoveryTimeout * 1000;
        this.window?.clear();
      }
      return;
    }
    if (this.state === CircuitBreakerState.CLOSED) this.consecutiveFailures = 0;
  }

  private onFailure(isProbe: boolean): void {
    const now = this.clock.now();
    this.totalFailures++;
    this.lastFailureAt = now;
    this.window?.record(now, true);
    if (isProbe && this.state === CircuitBreakerState.HALF_OPEN) {
      this.probesInFlight--;
      this.openDurationMs = Math.min(
        this.openDurationMs * this.options.openBackoffMultiplier,
        this.options.maxRecoveryTimeout * 1000,
      );
      this.open(now);
      return;
    }
    if (this.state !== CircuitBreakerState.CLOSED) return;
    this.consecutiveFailures++;
    if (this.consecutiveFailures >= this.options.failureThreshold || this.rateExceeded(now)) {
      this.open(now);
    }
  }

  private rateExceeded(now: number): boolean {
    const rate = this.options.failureRate;
    if (rate === undefined || this.window === undefined) return false;
    const { calls, failures } = this.window.totals(now);
    return calls >= rate.minimumCalls && failures / calls >= rate.threshold;
  }

  private open(now: number): void {
    this.state = CircuitBreakerState.OPEN;
    this.openedAt = now;
    this.halfOpenSuccesses = 0;
    this.trips++;
  }
}

/** One admitted call; the first of `success()`/`failure()` counts, later calls are ignored. */
class Permit implements CircuitBreakerPermit {
  private settled = false;

  constructor(
    private readonly breaker: CircuitBreaker,
    private readonly isProbe: boolean,
  ) {}

  success(): void {
    if (this.settled) return;
    this.settled = true;
    this.breaker.settle(this.isProbe, true);
  }

  failure(): void {
    if (this.settled) return;
    this.settled = true;
    this.breaker.settle(this.isProbe, false);
  }
}

const WINDOW_BUCKETS = 10;

/** Call and failure counts over a sliding time window, in fixed buckets: O(1) per call. */
class FailureRateWindow {
  private readonly bucketMs: number;
  private readonly calls = new Array<number>(WINDOW_BUCKETS).fill(0);
  private readonly failures = new Array<number>(WINDOW_BUCKETS).fill(0);
  private readonly bucketStart = new Array<number>(WINDOW_BUCKETS).fill(-Infinity);
  private totalCalls = 0;
  private totalFailures = 0;

  constructor(windowMs: number) {
    this.bucketMs = windowMs / WINDOW_BUCKETS;
  }

  record(now: number, failed: boolean): void {
    const index = this.bucketFor(now);
    this.calls[index] = (this.calls[index] ?? 0) + 1;
    this.totalCalls++;
    if (failed) {
      this.failures[index] = (this.failures[index] ?? 0) + 1;
      this.totalFailures++;
    }
  }

  totals(now: number): { calls: number; failures: number } {
    this.bucketFor(now);
    return { calls: this.totalCalls, failures: this.totalFailures };
  }

  clear(): void {
    this.calls.fill(0);
    this.failures.fill(0);
    this.bucketStart.fill(-Infinity);
    this.totalCalls = 0;
    this.totalFailures = 0;
  }

  // Evicts every bucket older than the window, then returns the bucket of `now`.
  private bucketFor(now: number): number {
    const slot = Math.floor(now / this.bucketMs);
    for (let i = 0; i < WINDOW_BUCKETS; i++) {
      const start = this.bucketStart[i] ?? -Infinity;
      if (start <= slot - WINDOW_BUCKETS && start !== -Infinity) this.evict(i);
    }
    const index = ((slot % WINDOW_BUCKETS) + WINDOW_BUCKETS) % WINDOW_BUCKETS;
    if (this.bucketStart[index] !== slot) {
      this.evict(index);
      this.bucketStart[index] = slot;
    }
    return index;
  }

  private evict(index: number): void {
    this.totalCalls -= this.calls[index] ?? 0;
    this.totalFailures -= this.failures[index] ?? 0;
    this.calls[index] = 0;
    this.failures[index] = 0;
    this.bucketStart[index] = -Infinity;
  }
}
