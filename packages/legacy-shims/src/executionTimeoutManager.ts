import {
  parseTimeoutConfig,
  UNSCOPED_USER_ID,
  type AgentExecutionTracker,
  type FallbackResponse,
  type LegacyNotifier,
  type TimeoutConfig,
  type TimeoutConfigInput,
} from '@aet/tracker-core';
import { warnDeprecated } from './deprecation.js';
import type { ExecutionStats } from './legacyShapes.js';
import { clockOf, resolveTracker, type ShimOptions } from './resolveTracker.js';

/** Options of the {@link AgentExecutionTimeoutManager} shim. */
export interface TimeoutManagerOptions extends ShimOptions {
  /** Name of the shared breaker the LLM calls go through. @default 'llm' */
  readonly breakerKey?: string;
}

/**
 * The legacy timeout and circuit-breaker manager, kept working on top of the SSOT tracker: agent
 * runs become tracked executions, the LLM breaker is the tracker's breaker named `llm`, retries
 * are the tracker's.
 * @deprecated Use the tracker from `@aet/tracker-core`: `trackExecutionWithTimeout`,
 * `executeWithCircuitBreaker('llm', …)`, `executeWithRetry`, `getMetrics`, `createFallbackResponse`.
 */
export class AgentExecutionTimeoutManager {
  private readonly ownConfig: TimeoutConfig | undefined;
  private readonly tracker: () => AgentExecutionTracker;
  private readonly breakerKey: string;
  private inFlight = 0;
  private readonly durations = { count: 0, total: 0, min: Infinity, max: -Infinity };

  /**
   * @param config legacy `TimeoutConfig` fields; bad values throw `TrackerConfigError`. Without
   * it the manager uses its tracker's `timeoutConfig` (one notion of the timeouts, as in the SSOT).
   */
  constructor(config?: TimeoutConfigInput, options?: TimeoutManagerOptions) {
    warnDeprecated('AgentExecutionTimeoutManager');
    this.ownConfig = config === undefined ? undefined : parseTimeoutConfig(config);
    this.tracker = resolveTracker(options);
    this.breakerKey = options?.breakerKey ?? 'llm';
  }

  /**
   * Runs `agentFunc` as a tracked execution with the agent timeout (25 s by default). On timeout
   * the legacy notifier gets `notifyAgentError(…'Agent execution timed out after 25.0s'…)` and
   * the promise rejects with `ExecutionTimeoutError`; other errors are reported and rethrown.
   * @deprecated Use `tracker.trackExecutionWithTimeout({ agentName, userId, runId, notifier }, fn)`.
   */
  async executeAgentWithTimeout<T>(
    agentFunc: () => Promise<T>,
    agentName: string,
    runId: string,
    websocketManager?: LegacyNotifier,
  ): Promise<T> {
    const tracker = this.tracker();
    const clock = clockOf(tracker);
    const startedAt = clock.now();
    this.inFlight++;
    try {
      return await tracker.trackExecutionWithTimeout(
        {
          agentName,
          // The legacy manager never knew the user.
          userId: UNSCOPED_USER_ID,
          runId,
          timeoutSeconds: this.configOf(tracker).agentExecutionTimeout,
          ...(websocketManager === undefined ? {} : { notifier: websocketManager }),
        },
        () => agentFunc(),
      );
    } finally {
      this.inFlight--;
      this.recordDuration((clock.now() - startedAt) / 1000);
    }
  }

  /**
   * Runs `llmFunc` through the shared LLM circuit breaker with the LLM timeout (15 s).
   * @deprecated Use `tracker.executeWithCircuitBreaker('llm', fn, { operation })`.
   */
  executeLlmWithCircuitBreaker<T>(
    llmFunc: () => Promise<T>,
    operationName = 'llm_request',
  ): Promise<T> {
    const tracker = this.tracker();
    const config = this.configOf(tracker);
    if (tracker.circuitBreakerStatus(this.breakerKey) === undefined) {
      tracker.registerCircuitBreaker(this.breakerKey, {
        failureThreshold: config.failureThreshold,
        recoveryTimeout: config.recoveryTimeout,
        successThreshold: config.successThreshold,
      });
    }
    return tracker.executeWithCircuitBreaker(this.breakerKey, () => llmFunc(), {
      operation: operationName,
      timeoutSeconds: config.llmApiTimeout,
    });
  }

  /**
   * Runs `func` with `maxRetries` retries at the configured delays (1 s, then 2 s), retrying any
   * error as the legacy manager did, and rethrows the last error.
   * @deprecated Use `tracker.executeWithRetry(fn, { operation })`.
   */
  executeWithRetry<T>(func: () => Promise<T>, operationName = 'operation'): Promise<T> {
    const tracker = this.tracker();
    const config = this.configOf(tracker);
    return tracker.executeWithRetry(() => func(), {
      operation: operationName,
      maxRetries: config.maxRetries,
      isRetryable: () => true,
      delays: {
        retryBaseDelay: config.retryBaseDelay,
        retryMaxDelay: config.retryMaxDelay,
        retryExponentialBase: config.retryExponentialBase,
        retryJitter: config.retryJitter,
      },
    });
  }

  /**
   * Runs in flight, the LLM breaker's state, the configuration, and agent run durations (s).
   * @deprecated Use `tracker.getMetrics()` and `tracker.circuitBreakerStatus('llm')`.
   */
  getExecutionStats(): ExecutionStats {
    const tracker = this.tracker();
    const breaker = tracker.circuitBreakerStatus(this.breakerKey);
    const config = this.configOf(tracker);
    const { count, total, min, max } = this.durations;
    return {
      activeExecutions: this.inFlight,
      circuitBreakerState: breaker?.state ?? 'closed',
      circuitBreakerFailures: breaker?.consecutiveFailures ?? 0,
      config: {
        agentTimeout: config.agentExecutionTimeout,
        llmTimeout: config.llmApiTimeout,
        maxRetries: config.maxRetries,
      },
      ...(count === 0 ? {} : { executionDurations: { min, max, avg: total / count } }),
    };
  }

  /**
   * The apology response for a failed agent, also sent through the notifier's
   * `notifyAgentCompleted` with execution time 0.
   * @deprecated Use `tracker.createFallbackResponse(agentName, error, runId, notifier)`.
   */
  createFallbackResponse(
    agentName: string,
    error: unknown,
    runId: string,
    websocketManager?: LegacyNotifier,
  ): Promise<FallbackResponse> {
    return this.tracker().createFallbackResponse(agentName, error, runId, websocketManager);
  }

  /** The configuration in force (seconds): the one given, or the tracker's. */
  get config(): TimeoutConfig {
    return this.configOf(this.tracker());
  }

  /** The config in force for calls on `tracker` (resolved once per call, with the tracker). */
  private configOf(tracker: AgentExecutionTracker): TimeoutConfig {
    return this.ownConfig ?? tracker.configuration.timeoutConfig;
  }

  private recordDuration(seconds: number): void {
    const d = this.durations;
    d.count++;
    d.total += seconds;
    d.min = Math.min(d.min, seconds);
    d.max = Math.max(d.max, seconds);
  }
}

let singleton: AgentExecutionTimeoutManager | undefined;

/**
 * The module-level legacy timeout manager.
 * @deprecated Use `getExecutionTracker()` from `@aet/tracker-core`.
 */
export function getTimeoutManager(): AgentExecutionTimeoutManager {
  warnDeprecated('getTimeoutManager');
  singleton ??= new AgentExecutionTimeoutManager();
  return singleton;
}

/**
 * Replaces the module-level legacy timeout manager with one built from `config`.
 * @deprecated Use `configureExecutionTracker({ timeoutConfig })` from `@aet/tracker-core`.
 */
export function configureTimeoutManager(config: TimeoutConfigInput): AgentExecutionTimeoutManager {
  warnDeprecated('configureTimeoutManager');
  singleton = new AgentExecutionTimeoutManager(config);
  return singleton;
}

export type { ExecutionStats } from './legacyShapes.js';
export type { TimeoutConfig } from '@aet/tracker-core';
