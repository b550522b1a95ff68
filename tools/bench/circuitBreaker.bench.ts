// executeWithCircuitBreaker on a no-op async call, against cockatiel 3.2.1 doing the same job:
// a consecutive-failure breaker plus a cooperative per-call timeout that hands the function an
// AbortSignal. Also the bare breakers (no timeout), which isolates the breaker itself.
import {
  circuitBreaker,
  ConsecutiveBreaker,
  handleAll,
  timeout,
  TimeoutStrategy,
  wrap,
} from 'cockatiel';
import {
  CircuitBreaker,
  CircuitBreakerOptionsSchema,
  createExecutionTracker,
  systemClock,
} from '@aet/tracker-core';
import { measurePair, report } from './measure.js';

const CALLS = 20_000;
const noop = (): Promise<number> => Promise.resolve(1);

const cockatielBreaker = circuitBreaker(handleAll, {
  halfOpenAfter: 30_000,
  breaker: new ConsecutiveBreaker(3),
});
const cockatielWithTimeout = wrap(timeout(15_000, TimeoutStrategy.Cooperative), cockatielBreaker);
const tracker = createExecutionTracker({ store: null });
const bareBreaker = new CircuitBreaker('llm', CircuitBreakerOptionsSchema.parse({}), systemClock);

const options = { opsPerRound: CALLS, rounds: 21, warmupRounds: 6 };
const withTimeout = await measurePair(
  async () => {
    for (let i = 0; i < CALLS; i++)
      await cockatielWithTimeout.execute(({ signal }) => (signal.aborted ? noop() : noop()));
  },
  async () => {
    for (let i = 0; i < CALLS; i++)
      await tracker.executeWithCircuitBreaker('llm', (signal) =>
        signal.aborted ? noop() : noop(),
      );
  },
  options,
);
const signalUnused = await measurePair(
  async () => {
    for (let i = 0; i < CALLS; i++) await cockatielWithTimeout.execute(() => noop());
  },
  async () => {
    for (let i = 0; i < CALLS; i++) await tracker.executeWithCircuitBreaker('llm', () => noop());
  },
  options,
);
const bare = await measurePair(
  async () => {
    for (let i = 0; i < CALLS; i++) await cockatielBreaker.execute(noop);
  },
  async () => {
    for (let i = 0; i < CALLS; i++) await bareBreaker.execute(noop);
  },
  options,
);
const plain = await measurePair(
  async () => {
    for (let i = 0; i < CALLS; i++) await noop();
  },
  async () => {
    for (let i = 0; i < CALLS; i++) await noop();
  },
  options,
);
report({
  benchmark: 'circuitBreaker',
  description:
    'no-op async call: executeWithCircuitBreaker vs cockatiel timeout+breaker; bare breakers',
  withTimeout,
  signalUnused,
  bare,
  awaitNoopNs: plain.baselineNsPerOp,
});
await tracker.dispose();
