import { z } from 'zod';
import { isClock, type Clock } from './clock.js';
import { TrackerConfigError } from './errors.js';
import { isExecutionStore, type ExecutionStore } from './executionStore.js';
import type { TrackerEventListener } from './eventBus.js';
import { describeZodIssues } from './zodIssues.js';

const seconds = (what = 'seconds') =>
  z
    .number({ error: `must be a number of ${what}` })
    .refine(Number.isFinite, { error: `must be a finite number of ${what}` })
    .refine((value) => value > 0, { error: `must be > 0 ${what}` });
const nonNegativeSeconds = () =>
  z
    .number({ error: 'must be a number of seconds' })
    .refine(Number.isFinite, { error: 'must be a finite number of seconds' })
    .refine((value) => value >= 0, { error: 'must be >= 0 seconds' });
const positiveInt = () =>
  z
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number' })
    .min(1, { error: 'must be >= 1' });
const nonNegativeInt = () =>
  z
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number' })
    .min(0, { error: 'must be >= 0' });

/** How retry delays are randomised: `none` keeps the reference's exact delays. */
export const RetryJitter = { NONE: 'none', FULL: 'full', EQUAL: 'equal' } as const;
/** One of the {@link RetryJitter} values. */
export type RetryJitter = (typeof RetryJitter)[keyof typeof RetryJitter];

/** Timeouts, breaker and retry settings, in seconds (the reference's `TimeoutConfig`). */
export const TimeoutConfigSchema = z
  .strictObject({
    /** Default execution deadline. @default 25 */
    agentExecutionTimeout: seconds().default(25),
    /** Per-call deadline inside `executeWithCircuitBreaker`. @default 15 */
    llmApiTimeout: seconds().default(15),
    /** Consecutive failures that open a breaker. @default 3 */
    failureThreshold: positiveInt().default(3),
    /** How long a breaker stays open before admitting a probe. @default 30 */
    recoveryTimeout: seconds().default(30),
    /** Successful probes that close a half-open breaker. @default 2 */
    successThreshold: positiveInt().default(2),
    /** Retries after the first attempt. @default 2 */
    maxRetries: nonNegativeInt().default(2),
    /** Delay before the first retry. @default 1 */
    retryBaseDelay: nonNegativeSeconds().default(1),
    /** Upper bound of any retry delay. @default 5 */
    retryMaxDelay: nonNegativeSeconds().default(5),
    /** Growth factor between retry delays. @default 2 */
    retryExponentialBase: z
      .number({ error: 'must be a number' })
      .min(1, { error: 'must be >= 1' })
      .default(2),
    /** Jitter applied to retry delays. @default 'none' */
    retryJitter: z.enum(['none', 'full', 'equal']).default('none'),
  })
  .refine((config) => config.retryMaxDelay >= config.retryBaseDelay, {
    error: 'retryMaxDelay must be >= retryBaseDelay',
    path: ['retryMaxDelay'],
  });

/** Resolved timeout configuration (every field present). */
export type TimeoutConfig = z.output<typeof TimeoutConfigSchema>;
/** Timeout configuration as a caller writes it (every field optional). */
export type TimeoutConfigInput = z.input<typeof TimeoutConfigSchema>;

/** Adaptive execution timeouts learned per agent (RFC 6298 style). */
export const AdaptiveTimeoutConfigSchema = z
  .strictObject({
    /** @default false */
    enabled: z.boolean({ error: 'must be true or false' }).default(false),
    /** Lower clamp. @default 1 */
    minSeconds: seconds().default(1),
    /** Upper clamp. @default 300 */
    maxSeconds: seconds().default(300),
  })
  .refine((config) => config.maxSeconds >= config.minSeconds, {
    error: 'maxSeconds must be >= minSeconds',
    path: ['maxSeconds'],
  });

/** Resolved adaptive-timeout configuration. */
export type AdaptiveTimeoutConfig = z.output<typeof AdaptiveTimeoutConfigSchema>;

/** What happens on a transition the tables do not allow. */
export const TransitionPolicy = { STRICT: 'strict', WARN: 'warn' } as const;
/** `strict` throws `InvalidTransitionError`; `warn` applies the transition and records a warning. */
export type TransitionPolicy = (typeof TransitionPolicy)[keyof typeof TransitionPolicy];

/** Configuration of an {@link AgentExecutionTracker}, in seconds as in the reference. Unknown keys are rejected. */
export const TrackerConfigSchema = z.strictObject({
  /** Silence after which an alive execution is dead. @default 10 */
  heartbeatTimeout: seconds().default(10),
  /** Timeouts, breakers and retries; `agentExecutionTimeout` is the default execution deadline. */
  timeoutConfig: TimeoutConfigSchema.default(TimeoutConfigSchema.parse({})),
  /** How long a terminal execution stays readable before it is cleaned up. @default 60 */
  cleanupInterval: seconds().default(60),
  /** Cleaned-up executions remembered in the completed history. @default 100 */
  maxCompletedHistory: nonNegativeInt().default(100),
  /** Phase transitions kept per execution (older ones are dropped, the count is kept). @default 64 */
  maxPhaseHistory: positiveInt().default(64),
  /** Alive executions allowed per user; unset means unlimited. */
  maxConcurrentPerUser: positiveInt().optional(),
  /** @default 'strict' */
  transitionPolicy: z.enum(['strict', 'warn']).default('strict'),
  /** Adaptive timeouts; off unless enabled. */
  adaptiveTimeouts: AdaptiveTimeoutConfigSchema.default(AdaptiveTimeoutConfigSchema.parse({})),
  /** Time source. @default the system clock */
  clock: z.custom<Clock>(isClock, { error: 'must be a Clock (now() and setTimer())' }).optional(),
  /**
   * Where records are replicated for other processes to read (a `RedisExecutionStore` from
   * `@aet/store-redis` for many processes, a `MemoryExecutionStore` to read them in this one).
   * Replication is opt-in: a replica buys a single process nothing and costs memory for every live
   * execution and time on every change. `null` also means no store.
   * @default none: records are replicated nowhere
   */
  store: z
    .custom<ExecutionStore>(isExecutionStore, { error: 'must implement ExecutionStore' })
    .nullable()
    .optional(),
  /** Event listeners subscribed at construction. */
  eventSinks: z
    .array(
      z.custom<TrackerEventListener>((value) => typeof value === 'function', {
        error: 'must be a function',
      }),
    )
    .default([]),
});

/** Tracker configuration as a caller writes it. */
export type TrackerConfigInput = z.input<typeof TrackerConfigSchema>;
/** Resolved tracker configuration. */
export type TrackerConfig = z.output<typeof TrackerConfigSchema>;

/** Validates tracker configuration; throws {@link TrackerConfigError} naming every bad field and value. */
export function parseTrackerConfig(input: unknown = {}): TrackerConfig {
  const result = TrackerConfigSchema.safeParse(input ?? {}, { reportInput: true });
  if (!result.success) {
    throw new TrackerConfigError(`invalid tracker config: ${describeZodIssues(result.error)}`);
  }
  return result.data;
}

/** Validates a (partial) timeout configuration; throws {@link TrackerConfigError}. */
export function parseTimeoutConfig(input: unknown = {}): TimeoutConfig {
  const result = TimeoutConfigSchema.safeParse(input ?? {}, { reportInput: true });
  if (!result.success) {
    throw new TrackerConfigError(
      `invalid timeout config: ${describeZodIssues(result.error, 'timeoutConfig')}`,
    );
  }
  return result.data;
}
