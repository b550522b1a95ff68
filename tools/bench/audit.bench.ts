// The audit on a generated corpus of 10,000 TypeScript files (5 % with legacy usage), against the
// same rule pass through plain jscodeshift over every file (no pre-filter), in one run.
import { readFile, rm, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jscodeshift from 'jscodeshift';
import {
  AetConfigSchema,
  AUDIT_RULES,
  auditSource,
  indexAst,
  parserForFile,
  runAudit,
  type AstNode,
} from '@aet/codemods';
import { writeCorpus } from './corpus.js';
import { measurePair, report } from './measure.js';

const FILES = 10_000;
const root = await mkdtemp(join(tmpdir(), 'aet-audit-bench-'));
const corpus = await writeCorpus(root, FILES, 0.05);
const config = AetConfigSchema.parse({});

/**
 * What a plain jscodeshift run does, file by file with no pre-filter: read, parse with recast
 * (jscodeshift's parser per extension), and run every rule on the file's index.
 */
async function plainPass(paths: readonly string[]): Promise<number> {
  let findings = 0;
  for (const path of paths) {
    const source = await readFile(join(root, path), 'utf8');
    const tree = jscodeshift.withParser(parserForFile(path))(source);
    const index = indexAst((tree.get() as { node: AstNode }).node);
    for (const rule of AUDIT_RULES) findings += rule.check({ index, source, path, config }).length;
  }
  return findings;
}

// Whole runs: the audit (discovery, pre-filter, parse where needed) against the plain pass.
await runAudit(root); // warm the file cache and the JIT
const auditRuns: number[] = [];
for (let i = 0; i < 3; i++) {
  const started = performance.now();
  const result = await runAudit(root);
  auditRuns.push(performance.now() - started);
  if (result.summary.violations === 0) throw new Error('the corpus should have violations');
}
const auditMs = Math.min(...auditRuns);
// Without a pre-filter every file costs the same, so the plain pass is timed on every tenth file
// (legacy share unchanged) and its rate compared.
const sample = corpus.all.filter((_, i) => i % 10 === 0);
await plainPass(sample.slice(0, 50));
const plainStarted = performance.now();
const plainFindings = await plainPass(sample);
const plainMs = ((performance.now() - plainStarted) * corpus.all.length) / sample.length;

// Per file, on the files that need parsing: the audit's full work against a plain parse.
const sources = await Promise.all(
  corpus.legacy.map(async (path) => [path, await readFile(join(root, path), 'utf8')] as const),
);
const perFile = await measurePair(
  () => {
    for (const [path, source] of sources) jscodeshift.withParser(parserForFile(path))(source);
  },
  () => {
    for (const [path, source] of sources) auditSource(path, source, AUDIT_RULES, config);
  },
  { opsPerRound: sources.length, rounds: 9, warmupRounds: 2 },
);

report({
  benchmark: 'audit',
  files: FILES,
  legacyFiles: corpus.legacy.length,
  audit: { ms: auditMs, filesPerSecond: (FILES / auditMs) * 1000 },
  plainJscodeshift: {
    msFor10kExtrapolated: plainMs,
    filesPerSecond: (FILES / plainMs) * 1000,
    sampleFiles: sample.length,
    sampleFindings: plainFindings,
  },
  speedup: plainMs / auditMs,
  perMatchedFile: perFile,
});
await rm(root, { recursive: true, force: true });
