// `aet migrate --phase all` on a generated corpus of 10,000 TypeScript files (5 % with legacy
// usage), against plain jscodeshift applying the same four transforms one after another to every
// file (each its own parse and print, no pre-filter), in one run.
import { readFile, rm, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jscodeshift from 'jscodeshift';
import {
  AetConfigSchema,
  parserForFile,
  phaseTransform,
  runMigration,
  scanRepository,
  SOURCE_PHASES,
  transformSource,
  type SourceTransform,
} from '@aet/codemods';
import { writeCorpus } from './corpus.js';
import { measurePair, report } from './measure.js';

const FILES = Number(process.env.AET_BENCH_FILES ?? 10_000);
const started = performance.now();
/** Progress on standard error (the result is the last line of standard output). */
const stage = (what: string): void => {
  process.stderr.write(
    `migrate bench: ${what} (${((performance.now() - started) / 1000).toFixed(0)} s)\n`,
  );
};
const root = await mkdtemp(join(tmpdir(), 'aet-migrate-bench-'));
const corpus = await writeCorpus(root, FILES, 0.05);
const config = AetConfigSchema.parse({});
const read = (path: string) => readFile(join(root, path), 'utf8');
const noop = (): void => undefined;

// The scan is given to the baseline for free: only the transforms themselves are compared.
const scan = scanRepository(
  await Promise.all(corpus.all.map(async (path) => [path, await read(path)] as const)),
  config,
);
const transforms: SourceTransform[] = SOURCE_PHASES.map((phase) => phaseTransform(phase, scan));

/** One transform as plain jscodeshift runs it on one file: parse, transform, print. */
function plainTransform(transform: SourceTransform, path: string, source: string): string {
  const j = jscodeshift.withParser(parserForFile(path));
  const root = j(source);
  transform.apply({ j, root, path, source, record: noop });
  return root.toSource();
}

/** Plain jscodeshift: every transform in turn over every file, each reading what the last wrote. */
async function plainRun(paths: readonly string[]): Promise<void> {
  for (const transform of transforms) {
    for (const path of paths) plainTransform(transform, path, await read(path));
  }
}

// Whole runs. The migration runs dry (it computes and prints every file it would write, and
// writes nothing), so every run starts from the same corpus.
await runMigration(root, 'all', { dry: true, config }); // warm the file cache and the JIT
stage('warm-up run done');
const runs: number[] = [];
for (let i = 0; i < 3; i++) {
  const started = performance.now();
  const result = await runMigration(root, 'all', { dry: true, config });
  runs.push(performance.now() - started);
  const changed = result.phases.reduce((sum, phase) => sum + phase.changedFiles.length, 0);
  if (changed < corpus.legacy.length) throw new Error('the corpus should be migrated');
}
const migrateMs = Math.min(...runs);
stage('timed runs done');
// Without a pre-filter every file costs about the same, so the plain run is timed on every
// tenth file (legacy share unchanged) and extrapolated.
const sample = corpus.all.filter((_, i) => i % 10 === 0);
await plainRun(sample.slice(0, 40));
const plainStarted = performance.now();
await plainRun(sample);
const plainMs = ((performance.now() - plainStarted) * corpus.all.length) / sample.length;
stage('plain jscodeshift sample done');

// Per file, on the files that change: all four transforms on one parse and one print (plus the
// re-parse that checks the output) against four parses and prints. The first 100 changed files
// (every one costs about the same, and the pair runs 6 rounds of each).
const sources = await Promise.all(
  corpus.legacy.slice(0, 100).map(async (path) => [path, await read(path)] as const),
);
// The changed files' own scan: they import no barrel, so the rewrites are the same.
const pairScan = scanRepository(sources, config);
const pairTransforms = SOURCE_PHASES.map((phase) => phaseTransform(phase, pairScan));
stage('per-file pair starts');
const perChangedFile = await measurePair(
  () => {
    for (const [path, source] of sources) {
      let text = source;
      for (const transform of pairTransforms) text = plainTransform(transform, path, text);
    }
  },
  () => {
    for (const [path, source] of sources) transformSource(path, source, pairTransforms);
  },
  { opsPerRound: sources.length, rounds: 5, warmupRounds: 1 },
);
stage('per-file pair done');

report({
  benchmark: 'migrate',
  files: FILES,
  legacyFiles: corpus.legacy.length,
  migrate: { ms: migrateMs, filesPerSecond: (FILES / migrateMs) * 1000 },
  plainJscodeshift: { msFor10kExtrapolated: plainMs, sampleFiles: sample.length },
  speedup: plainMs / migrateMs,
  perChangedFile,
});
await rm(root, { recursive: true, force: true });
