import { describe, expect, it, vi } from 'vitest';
import {
  CircuitBreaker,
  CircuitBreakerState,
  parseCircuitBreakerOptions,
} from './circuitBreaker.js';
import { CircuitBreakerOpenError, TrackerConfigError } from './errors.js';
import { ManualClock } from './manualClock.js';

const fail = () => Promise.reject(new Error('upstream 503'));
const ok = () => Promise.resolve('ok');

function breaker(options = {}, clock = new ManualClock()) {
  return {
    clock,
    breaker: new CircuitBreaker('llm', parseCircuitBreakerOptions(options, 'llm'), clock),
  };
}

describe(CircuitBreaker, () => {
  it('opens after three consecutive failures and then fails fast without calling the function', async () => {
    const { breaker: b } = breaker();
    for (let i = 0; i < 3; i++) await expect(b.execute(fail)).rejects.toThrow('upstream 503');
    expect(b.status()).toMatchObject({
      state: 'open',
      consecutiveFailures: 3,
      isOpen: true,
      trips: 1,
    });
    const fn = vi.fn(ok);
    await expect(b.execute(fn)).rejects.toBeInstanceOf(CircuitBreakerOpenError);
    expect(fn).not.toHaveBeenCalled();
    expect(b.status().rejectedCalls).toBe(1);
  });

  it('resets the consecutive count on a success while closed', async () => {
    const { breaker: b } = breaker();
    await expect(b.execute(fail)).rejects.toThrow();
    await expect(b.execute(fail)).rejects.toThrow();
    await b.execute(ok);
    await expect(b.execute(fail)).rejects.toThrow();
    expect(b.status()).toMatchObject({ state: 'closed', consecutiveFailures: 1 });
  });

  it('admits a probe after recovery and closes after two successes', async () => {
    const { breaker: b, clock } = breaker();
    for (let i = 0; i < 3; i++) await expect(b.execute(fail)).rejects.toThrow();
    clock.advance(29_999);
    await expect(b.execute(ok)).rejects.toBeInstanceOf(CircuitBreakerOpenError);
    clock.advance(1);
    await b.execute(ok);
    expect(b.status().state).toBe(CircuitBreakerState.HALF_OPEN);
    await b.execute(ok);
    expect(b.status()).toMatchObject({ state: 'closed', consecutiveFailures: 0 });
  });

  it('re-opens for longer when a half-open probe fails, up to the cap', async () => {
    const { breaker: b, clock } = breaker({ maxRecoveryTimeout: 100 });
    for (let i = 0; i < 3; i++) await expect(b.execute(fail)).rejects.toThrow();
    const durations: number[] = [];
    for (let trip = 0; trip < 4; trip++) {
      clock.advance(b.status().openDurationMs);
      await expect(b.execute(fail)).rejects.toThrow('upstream 503');
      durations.push(b.status().openDurationMs);
      expect(b.status().state).toBe('open');
    }
    expect(durations).toEqual([60_000, 100_000, 100_000, 100_000]);
    clock.advance(100_000);
    await b.execute(ok);
    await b.execute(ok);
    expect(b.status()).toMatchObject({ state: 'closed', openDurationMs: 30_000 });
  });

  it('admits only the configured number of concurrent probes', async () => {
    const { breaker: b, clock } = breaker({ successThreshold: 1 });
    for (let i = 0; i < 3; i++) await expect(b.execute(fail)).rejects.toThrow();
    clock.advance(30_000);
    let release: (value: string) => void = () => undefined;
    const probe = b.execute(() => new Promise<string>((resolve) => (release = resolve)));
    await expect(b.execute(ok)).rejects.toBeInstanceOf(CircuitBreakerOpenError);
    release('done');
    await expect(probe).resolves.toBe('done');
    expect(b.status().state).toBe('closed');
  });

  it('opens on the failure rate over its window once the minimum volume is reached', async () => {
    const { breaker: b, clock } = breaker({
      failureThreshold: 100,
      failureRate: { threshold: 0.5, windowSeconds: 10, minimumCalls: 4 },
    });
    await b.execute(ok);
    await expect(b.execute(fail)).rejects.toThrow();
    await b.execute(ok);
    expect(b.status().state).toBe('closed');
    await expect(b.execute(fail)).rejects.toThrow(); // 2 of 4 failed
    expect(b.status().state).toBe('open');

    const { breaker: slow, clock: slowClock } = breaker({
      failureThreshold: 100,
      failureRate: { threshold: 0.5, windowSeconds: 10, minimumCalls: 4 },
    });
    await expect(slow.execute(fail)).rejects.toThrow();
    await expect(slow.execute(fail)).rejects.toThrow();
    slowClock.advance(11_000); // the two failures leave the window
    await slow.execute(ok);
    await slow.execute(ok);
    await expect(slow.execute(fail)).rejects.toThrow();
    await slow.execute(ok);
    expect(slow.status().state).toBe('closed');
    expect(clock.now()).toBe(0);
  });

  it('exports and restores its state, rejecting malformed snapshots', async () => {
    const { breaker: b, clock } = breaker();
    for (let i = 0; i < 3; i++) await expect(b.execute(fail)).rejects.toThrow();
    const snapshot = b.export();
    const { breaker: restored } = breaker({}, clock);
    restored.restore(snapshot);
    expect(restored.status()).toMatchObject({ state: 'open', consecutiveFailures: 3, trips: 1 });
    expect(() => {
      restored.restore({ ...snapshot, state: 'broken' } as never);
    }).toThrow(TrackerConfigError);
  });

  it('counts a permit once, however often it is settled', () => {
    const { breaker: b } = breaker({ failureThreshold: 2 });
    const permit = b.acquire();
    permit.failure();
    permit.failure();
    permit.success();
    expect(b.status()).toMatchObject({ state: 'closed', consecutiveFailures: 1, totalFailures: 1 });
    b.acquire().failure();
    expect(b.status().state).toBe('open');
    expect(() => b.acquire()).toThrow(CircuitBreakerOpenError);
  });

  it('validates its options', () => {
    expect(() => parseCircuitBreakerOptions({ failureThreshold: 0 }, 'llm')).toThrow(
      'circuit breaker "llm": failureThreshold: must be >= 1, got 0',
    );
    expect(() => parseCircuitBreakerOptions({ failureRate: { threshold: 2 } }, 'llm')).toThrow(
      /failureRate.threshold/,
    );
  });
});
