import fc from 'fast-check';
import { assertCount, TestKitError } from './testKitError.js';

/** Options of {@link raceOperations}. */
export interface RaceOptions<C> {
  /** Builds fresh state for one interleaving. */
  readonly setup: () => C | Promise<C>;
  /**
   * The concurrent operations, each started at a point the scheduler picks. `step()` is a point
   * inside an operation where the scheduler may switch to another one (between a read and a
   * write, say); awaits that are not steps run without interruption.
   */
  readonly operations: readonly ((context: C, step: () => Promise<void>) => Promise<unknown>)[];
  /** Checks the outcome of one interleaving; throw (or fail an expect) to report it. */
  readonly invariant: (
    context: C,
    results: PromiseSettledResult<unknown>[],
  ) => void | Promise<void>;
  /** Interleavings to try. @default 50 */
  readonly runs?: number;
  /** Seed, to replay a failure. @default random */
  readonly seed?: number;
}

/** Interleavings that broke the invariant. */
export interface RaceReport {
  readonly runs: number;
  readonly seed: number;
  readonly failures: readonly {
    readonly run: number;
    readonly error: unknown;
    readonly order: string;
  }[];
}

/**
 * Runs `operations` concurrently in `runs` orders chosen by fast-check's scheduler (each start
 * and each resolution can be reordered) and checks `invariant` after each.
 */
export async function raceOperations<C>(options: RaceOptions<C>): Promise<RaceReport> {
  const runs = options.runs ?? 50;
  assertCount('runs', runs, 1);
  if (options.operations.length < 2) {
    throw new TestKitError(
      'TEST_KIT_BAD_OPTIONS',
      'raceOperations needs at least two operations to race',
    );
  }
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const failures: { run: number; error: unknown; order: string }[] = [];
  const schedulers = fc.sample(fc.scheduler(), { seed, numRuns: runs });
  for (const [run, scheduler] of schedulers.entries()) {
    const context = await options.setup();
    const started = options.operations.map((operation, index) => {
      const step = (): Promise<void> =>
        scheduler.schedule(Promise.resolve(), `step ${index}`).then(() => undefined);
      return scheduler
        .schedule(Promise.resolve(), `start ${index}`)
        .then(() => operation(context, step));
    });
    const settled = Promise.allSettled(started);
    await scheduler.waitFor(settled);
    try {
      await options.invariant(context, await settled);
    } catch (error) {
      failures.push({
        run,
        error,
        order: scheduler
          .report()
          .map((task) => task.label)
          .join(', '),
      });
    }
  }
  return { runs, seed, failures };
}
