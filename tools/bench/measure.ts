// Timing helpers for the benchmarks. Real time is read here on purpose (this is the one place
// that measures it); results are reported as ratios against a baseline measured in the same
// process, with the two interleaved round by round so drift affects both alike.

export interface PairResult {
  readonly baselineNsPerOp: number;
  readonly candidateNsPerOp: number;
  /** candidate / baseline: below 1 means the candidate is faster. */
  readonly ratio: number;
}

export interface PairOptions {
  readonly opsPerRound: number;
  readonly rounds?: number;
  readonly warmupRounds?: number;
}

type Round = () => void | Promise<void>;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

const collectGarbage = (globalThis as { gc?: () => void }).gc;

/**
 * Times one round. A full collection runs first (untimed, when node runs with --expose-gc), so
 * each round pays for its own garbage and not for what the previous round left behind.
 */
async function time(round: Round): Promise<number> {
  collectGarbage?.();
  const start = process.hrtime.bigint();
  await round();
  return Number(process.hrtime.bigint() - start);
}

/** Median ns per operation of `baseline` and `candidate`, interleaved A B A B … */
export async function measurePair(
  baseline: Round,
  candidate: Round,
  options: PairOptions,
): Promise<PairResult> {
  const rounds = options.rounds ?? 21;
  const warmup = options.warmupRounds ?? 5;
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < warmup + rounds; i++) {
    const first = i % 2 === 0;
    const ta = first ? await time(baseline) : 0;
    const tb = await time(candidate);
    const ta2 = first ? ta : await time(baseline);
    if (i >= warmup) {
      a.push(ta2 / options.opsPerRound);
      b.push(tb / options.opsPerRound);
    }
  }
  const baselineNsPerOp = median(a);
  const candidateNsPerOp = median(b);
  return { baselineNsPerOp, candidateNsPerOp, ratio: candidateNsPerOp / baselineNsPerOp };
}

/** Median ns per operation of one round function. */
export async function measure(round: Round, options: PairOptions): Promise<number> {
  const rounds = options.rounds ?? 21;
  const warmup = options.warmupRounds ?? 5;
  const samples: number[] = [];
  for (let i = 0; i < warmup + rounds; i++) {
    const elapsed = await time(round);
    if (i >= warmup) samples.push(elapsed / options.opsPerRound);
  }
  return median(samples);
}

/** Lets queued microtasks and I/O callbacks run (store flushes happen here). */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** True when rounds start from a clean heap (node --expose-gc). */
export const gcBetweenRounds = collectGarbage !== undefined;

/** Prints one benchmark's result as a JSON line for the runner. */
export function report(result: Record<string, unknown>): void {
  console.log(JSON.stringify(result));
}
