import {
  CircuitBreaker,
  parseCircuitBreakerOptions,
  type CircuitBreakerOptionsInput,
  type CircuitBreakerSnapshot,
  type CircuitBreakerStatus,
} from './circuitBreaker.js';
import { assertNonEmptyString } from './argumentChecks.js';
import type { Clock } from './clock.js';
import { InvalidArgumentError } from './errors.js';
import type { TimeoutConfig } from './trackerConfig.js';
import { renderValue } from './zodIssues.js';

/**
 * The tracker's breakers, keyed by the dependency they protect (an agent, a tool, `llm`), with
 * defaults from the timeout configuration.
 * @internal
 */
export class CircuitBreakerRegistry {
  private readonly breakers = new Map<string, CircuitBreaker>();

  constructor(
    private readonly defaults: TimeoutConfig,
    private readonly clock: Clock,
  ) {}

  /** Registers `key`; with options an existing breaker is replaced, without it is kept. */
  register(key: string, options?: CircuitBreakerOptionsInput): CircuitBreaker {
    assertNonEmptyString('key', key);
    const existing = this.breakers.get(key);
    if (existing !== undefined && options === undefined) return existing;
    const resolved = parseCircuitBreakerOptions(
      {
        failureThreshold: this.defaults.failureThreshold,
        recoveryTimeout: this.defaults.recoveryTimeout,
        successThreshold: this.defaults.successThreshold,
        ...options,
      },
      key,
    );
    const breaker = new CircuitBreaker(key, resolved, this.clock);
    this.breakers.set(key, breaker);
    return breaker;
  }

  /** The breaker for `key`, registered with defaults on first use. */
  obtain(key: string): CircuitBreaker {
    return this.breakers.get(key) ?? this.register(key);
  }

  status(key: string): CircuitBreakerStatus | undefined {
    return this.breakers.get(key)?.status();
  }

  reset(key: string): boolean {
    const breaker = this.breakers.get(key);
    breaker?.reset();
    return breaker !== undefined;
  }

  export(): CircuitBreakerSnapshot[] {
    return [...this.breakers.values()].map((breaker) => breaker.export());
  }

  restore(snapshots: unknown): void {
    if (!Array.isArray(snapshots)) {
      throw new InvalidArgumentError(`snapshots must be an array, got ${renderValue(snapshots)}`);
    }
    for (const snapshot of snapshots as unknown[]) {
      const key = (snapshot as { key?: unknown } | null)?.key;
      assertNonEmptyString('snapshot.key', key);
      this.obtain(key).restore(snapshot as CircuitBreakerSnapshot);
    }
  }
}
