import { join, resolve } from 'node:path';
import { CodemodError } from '../codemodError.js';
import { loadConfig, type AetConfig } from '../config/aetConfig.js';
import { discoverFiles } from '../discovery/discoverFiles.js';
import { readPackageManifests } from '../discovery/packageScope.js';
import { formatJson } from '../report/formatJson.js';
import { runAudit, type AuditReport } from '../audit/runAudit.js';
import { gateSourceRun, type GateSummary } from '../gate/gatedRun.js';
import { typedReceivers } from '../gate/typedReceivers.js';
import { legacyTokens } from '../audit/rules/legacyModules.js';
import { writeFileAtomic } from '../runner/atomicWrite.js';
import { consumerFormatter } from '../runner/consumerFormatter.js';
import { checkWritableTree } from '../runner/gitState.js';
import {
  runTransforms,
  withOverlayFiles,
  type TransformRow,
  type TransformRunOptions,
  type TransformRunResult,
} from '../runner/runTransforms.js';
import { PackageJsonFile } from './packageJson.js';
import { filesWithLegacyImports, updateDependencies } from './dependencyUpdates.js';
import { pendingEarlierPhase } from './phaseOrder.js';
import {
  PHASES,
  phaseTransform,
  SOURCE_PHASES,
  type PhaseName,
  type SourcePhase,
} from './phases.js';
import { readSources } from './readSources.js';
import { scanRepository } from './repositoryScan.js';
import { BASELINE_FILE, prepareDone, ssotTestPath, ssotTestSource } from './ssotTestFile.js';

/** Options of {@link runMigration}. */
export interface MigrateOptions {
  /** Compute everything, write nothing. */
  readonly dry?: boolean;
  /** Collect unified diffs of source files. */
  readonly diff?: boolean;
  /** Write over uncommitted changes. */
  readonly allowDirty?: boolean;
  readonly config?: AetConfig;
  /** Progress of the source runs. */
  readonly onFile?: (phase: string, done: number, total: number, row: TransformRow) => void;
  /** Stops between two files; every file is left either old or new. */
  readonly signal?: AbortSignal;
  /**
   * The compile gate: type-check each phase's rewrites on the consumer's own program before
   * writing, and leave out the files whose rewrite adds a diagnostic. @default true
   */
  readonly typecheck?: boolean;
}

/** A file other than a source file that a phase writes (reports, tests, package.json). */
export interface WrittenFile {
  readonly path: string;
  readonly why: string;
}

/** What one phase did. */
export interface PhaseReport {
  readonly phase: PhaseName;
  /** Source rows this phase changed, or left markers in. */
  readonly changedFiles: readonly string[];
  readonly rewrites: number;
  readonly markers: number;
  readonly files: readonly WrittenFile[];
}

/** What a migration run did. */
export interface MigrationResult {
  readonly root: string;
  readonly dry: boolean;
  readonly phases: readonly PhaseReport[];
  /** Every source run, in order (one for phases 2–4 together, one for finalize). */
  readonly runs: readonly TransformRunResult[];
  readonly diffs: readonly string[];
  readonly warnings: readonly string[];
  readonly interrupted: boolean;
  /** Files that could not be parsed or transformed (left as they were). */
  readonly failed: readonly TransformRow[];
  /** Files whose rewrite would not type-check (left as they were, still on the legacy API). */
  readonly rejected: readonly TransformRow[];
  /** What the compile gate checked, per source run (empty with `typecheck: false`). */
  readonly gate: readonly GateSummary[];
  /** Files that still import a legacy module after finalize (why the migration is not done). */
  readonly legacyRemaining: readonly string[];
  /**
   * The repository had no SSOT violation before the migration began (no legacy usage): nothing
   * was written.
   */
  readonly nothingToMigrate: boolean;
  readonly durationMs: number;
}

/**
 * Runs one phase, or all of them in order, on the repository at `root`. A phase whose earlier
 * phases have not run is refused (`AET_PHASE_ORDER`, naming the missing phase). Phases 2–4 share
 * one parse and one print per file; finalize runs after them on what they produced, because
 * which legacy re-exports are still imported is only known then.
 */
export async function runMigration(
  root: string,
  selection: PhaseName | 'all',
  options: MigrateOptions = {},
): Promise<MigrationResult> {
  const started = performance.now();
  const absoluteRoot = resolve(root);
  const config = options.config ?? (await loadConfig(absoluteRoot));
  const dry = options.dry ?? false;
  const warnings = dry ? [] : await checkWritableTree(absoluteRoot, options.allowDirty === true);
  const selected = selection === 'all' ? [...PHASES] : [selection];
  // A repository that never used the legacy API gets nothing: no baseline, no test, no edits.
  const baseline = (await prepareDone(absoluteRoot))
    ? undefined
    : await runAudit(absoluteRoot, { config });
  if (baseline?.summary.violations === 0)
    return {
      root: absoluteRoot,
      dry,
      phases: [],
      runs: [],
      diffs: [],
      warnings,
      interrupted: false,
      failed: [],
      rejected: [],
      gate: [],
      legacyRemaining: [],
      nothingToMigrate: true,
      durationMs: performance.now() - started,
    };
  await assertEarlierPhasesDone(
    absoluteRoot,
    selected[0] ?? 'prepare',
    config,
    options.typecheck !== false,
  );

  const overlay = new Map<string, string>();
  const written = new Map<PhaseName, WrittenFile[]>();
  const runs: TransformRunResult[] = [];
  let interrupted = false;
  const common = {
    dry,
    diff: options.diff,
    config,
    allowDirty: true,
    signal: options.signal,
    overlay,
  };

  if (selected.includes('prepare'))
    written.set('prepare', await prepare(absoluteRoot, config, dry, overlay, baseline));
  const groups = groupRuns(selected.filter((phase): phase is SourcePhase => phase !== 'prepare'));
  const gates: GateSummary[] = [];
  let legacyRemaining: string[] = [];
  for (const group of groups) {
    if (options.signal?.aborted === true) {
      interrupted = true;
      break;
    }
    // Computed in memory first: the gate decides what is written.
    const computed = await runPhaseGroup(absoluteRoot, config, group, {
      ...common,
      typed: options.typecheck !== false,
      dry: true,
      onFile: (done, total, row) => options.onFile?.(group.join('+'), done, total, row),
    });
    const { files } = computed;
    let result = computed.result;
    if (options.typecheck !== false && result.outputs.size > 0) {
      const gated = await gateSourceRun(absoluteRoot, result, overlay);
      result = gated.run;
      gates.push(gated.summary);
    }
    if (group.includes('finalize')) {
      legacyRemaining = filesWithLegacyImports(
        await readSources(absoluteRoot, files, new Map([...overlay, ...result.outputs])),
        config,
      );
      if (legacyRemaining.length > 0) {
        result = await keepSsotRatchet(absoluteRoot, result);
        warnings.push(legacyRemainsWarning(legacyRemaining));
      }
    }
    if (!dry && (await writeOutputs(absoluteRoot, result.outputs, options.signal)))
      result = { ...result, interrupted: true };
    runs.push(result);
    warnings.push(...result.warnings.filter((w) => !warnings.includes(w)));
    for (const [path, text] of result.outputs) overlay.set(path, text);
    if (result.interrupted) {
      interrupted = true;
      break;
    }
    for (const phase of group) {
      const updated = await updatePackageJson(
        absoluteRoot,
        phase,
        config,
        result,
        dry,
        overlay,
        legacyRemaining.length > 0,
      );
      if (updated.length > 0) written.set(phase, [...(written.get(phase) ?? []), ...updated]);
    }
  }
  return {
    root: absoluteRoot,
    dry,
    phases: selected.map((phase) => reportOf(phase, runs, written.get(phase) ?? [])),
    runs,
    diffs: runs.flatMap((run) => run.diffs),
    warnings,
    interrupted,
    failed: runs.flatMap((run) => run.rows.filter((row) => row.status === 'failed')),
    rejected: runs.flatMap((run) => run.rows.filter((row) => row.status === 'rejected')),
    gate: gates,
    legacyRemaining,
    nothingToMigrate: false,
    durationMs: performance.now() - started,
  };
}

/**
 * One source run of `phases` over the repository as `options.overlay` shows it (scanned first,
 * so barrels and their importers are known before any file is edited).
 */
export async function runPhaseGroup(
  root: string,
  config: AetConfig,
  phases: readonly SourcePhase[],
  options: TransformRunOptions & {
    readonly overlay: ReadonlyMap<string, string>;
    /** Find legacy receivers with the consumer's type checker too (see `typedReceivers`). */
    readonly typed?: boolean;
  },
): Promise<{ result: TransformRunResult; files: readonly string[] }> {
  const discovered = await discoverFiles(root, config.ignore);
  const files = withOverlayFiles(discovered.files, options.overlay);
  const sources = await readSources(root, files, options.overlay);
  const typed =
    options.typed === true && phases.some((phase) => phase !== 'finalize')
      ? await typedReceivers(root, withLegacyUsage(sources, config), options.overlay, config)
      : new Map();
  const scan = scanRepository(sources, config, await readPackageManifests(root, files), typed);
  const result = await runTransforms(
    root,
    phases.map((phase) => phaseTransform(phase, scan)),
    { ...options, config, discovered },
  );
  return { result, files };
}

/**
 * The files worth asking the type checker about: every source file of a repository that uses
 * the legacy API somewhere (a receiver may be typed in another module); none otherwise.
 */
function withLegacyUsage(
  sources: readonly (readonly [string, string])[],
  config: AetConfig,
): string[] {
  const tokens = legacyTokens(config);
  const any = sources.some(([, text]) => tokens.some((token) => text.includes(token)));
  return any ? sources.map(([path]) => path) : [];
}

/** Phases 2–4 in one run; finalize in a run of its own after them. */
function groupRuns(phases: readonly SourcePhase[]): SourcePhase[][] {
  const groups: SourcePhase[][] = [];
  const early = phases.filter((phase) => phase !== 'finalize');
  if (early.length > 0) groups.push(early);
  if (phases.includes('finalize')) groups.push(['finalize']);
  return groups;
}

function reportOf(
  phase: PhaseName,
  runs: readonly TransformRunResult[],
  files: WrittenFile[],
): PhaseReport {
  const changedFiles: string[] = [];
  let rewrites = 0;
  let markers = 0;
  for (const run of runs) {
    for (const row of run.rows) {
      const mine = row.events.filter((event) => event.transform === phase);
      rewrites += mine.filter((event) => event.kind === 'rewrite').length;
      markers += mine.filter((event) => event.kind === 'marker').length;
      if (row.transforms.includes(phase)) changedFiles.push(row.path);
    }
  }
  return { phase, changedFiles, rewrites, markers, files };
}

/**
 * Refuses to run `phase` before the phases it builds on: prepare's files must exist, and a dry run
 * of the earlier source phases must change nothing — nothing the compile gate would let through,
 * when `typecheck` (files it refuses stay on the legacy API, and are no reason to wait).
 */
export async function assertEarlierPhasesDone(
  root: string,
  phase: PhaseName,
  config: AetConfig,
  typecheck = false,
): Promise<void> {
  const index = PHASES.indexOf(phase);
  if (index === 0) return;
  if (!(await prepareDone(root)))
    throw new CodemodError(
      'AET_PHASE_ORDER',
      `phase "prepare" has not run (no ${BASELINE_FILE} or SSOT test): run aet migrate --phase prepare first, or --phase all`,
    );
  const discovered = await discoverFiles(root, config.ignore);
  const pending = pendingEarlierPhase(
    phase,
    await readSources(root, discovered.files, new Map()),
    config,
    await readPackageManifests(root, discovered.files),
  );
  if (pending === undefined) return;
  if (typecheck && !(await gateLetsThrough(root, config, phase))) return;
  const { phase: missing, files } = pending;
  throw new CodemodError(
    'AET_PHASE_ORDER',
    `phase "${missing}" has not run (it would still change ${files.slice(0, 5).join(', ')}${files.length > 5 ? ', …' : ''}): run aet migrate --phase ${missing} first, or --phase all`,
  );
}

/** Whether the source phases before `phase` would write anything past the compile gate. */
async function gateLetsThrough(
  root: string,
  config: AetConfig,
  phase: PhaseName,
): Promise<boolean> {
  const earlier = SOURCE_PHASES.filter((each) => PHASES.indexOf(each) < PHASES.indexOf(phase));
  const overlay = new Map<string, string>();
  const { result } = await runPhaseGroup(root, config, earlier, {
    dry: true,
    overlay,
    typed: true,
  });
  if (result.outputs.size === 0) return false;
  const gated = await gateSourceRun(root, result, overlay);
  return gated.run.outputs.size > 0;
}

/** Phase 1: the baseline audit report and the SSOT test; `@aet/test-kit` as a dev dependency. */
export async function prepare(
  root: string,
  config: AetConfig,
  dry: boolean,
  overlay: Map<string, string>,
  audit?: AuditReport,
): Promise<WrittenFile[]> {
  // Once done, never again: a second run would reset the strict test to a ratchet.
  if (await prepareDone(root)) return [];
  const report = audit ?? (await runAudit(root, { config }));
  const testPath = await ssotTestPath(root);
  const files: [string, string, string][] = [
    [
      BASELINE_FILE,
      `${formatJson(report)}\n`,
      `baseline: ${report.summary.violations} violations, ${report.summary.followUps} follow-ups`,
    ],
    [
      testPath,
      ssotTestSource(testPath),
      'the SSOT test (a ratchet on the baseline until finalize)',
    ],
  ];
  const packageJson = await PackageJsonFile.read(root);
  const why =
    packageJson === undefined
      ? []
      : updateDependencies(packageJson, 'prepare', config, false, () => true);
  if (packageJson !== undefined && why.length > 0)
    files.push(['package.json', packageJson.text(), why.join('; ')]);
  for (const [path, text] of files) {
    overlay.set(path, text);
    if (!dry) await writeFileAtomic(join(root, path), text);
  }
  return files.map(([path, , why]) => ({ path, why }));
}

/** `text` as the repository's Prettier would write it (unchanged when it has none). */
async function formatted(root: string, path: string, text: string): Promise<string> {
  const formatter = await consumerFormatter(root);
  return formatter === undefined ? text : formatter.format(path, text);
}

/**
 * After a source phase: the SSOT module becomes a dependency once code imports it; after
 * finalize, the legacy packages stop being dependencies once nothing imports them.
 */
async function updatePackageJson(
  root: string,
  phase: SourcePhase,
  config: AetConfig,
  run: TransformRunResult,
  dry: boolean,
  overlay: Map<string, string>,
  legacyRemains: boolean,
): Promise<WrittenFile[]> {
  const packageJson = await PackageJsonFile.read(root);
  if (packageJson === undefined) return [];
  const why = updateDependencies(
    packageJson,
    phase,
    config,
    run.rows.some((row) => row.transforms.includes(phase)),
    () => legacyRemains,
  );
  if (why.length === 0) return [];
  const text = await formatted(root, 'package.json', packageJson.text());
  overlay.set('package.json', text);
  if (!dry) await writeFileAtomic(packageJson.path, text);
  return [{ path: 'package.json', why: why.join('; ') }];
}

/**
 * Writes a run's outputs, each atomically, stopping between two files when `signal` fires;
 * true when it was stopped before the last.
 */
async function writeOutputs(
  root: string,
  outputs: ReadonlyMap<string, string>,
  signal: AbortSignal | undefined,
): Promise<boolean> {
  for (const [path, text] of outputs) {
    if (signal?.aborted === true) return true;
    await writeFileAtomic(join(root, path), text);
  }
  return false;
}

/**
 * While legacy code remains, the SSOT test stays a ratchet on the baseline: made strict, it
 * would fail on the files the migration had to leave.
 */
async function keepSsotRatchet(root: string, run: TransformRunResult): Promise<TransformRunResult> {
  const testPath = await ssotTestPath(root);
  if (!run.outputs.has(testPath)) return run;
  const outputs = new Map(run.outputs);
  outputs.delete(testPath);
  return {
    ...run,
    outputs,
    diffs: run.diffs.filter((diff) => !diff.startsWith(`--- a/${testPath}\n`)),
    rows: run.rows.map((row) =>
      row.path === testPath ? { ...row, status: 'unchanged', transforms: [], events: [] } : row,
    ),
  };
}

function legacyRemainsWarning(files: readonly string[]): string {
  const shown = files.slice(0, 10).join(', ');
  const more = files.length > 10 ? `, … (${String(files.length - 10)} more)` : '';
  return (
    `the legacy API is still used in ${String(files.length)} file${files.length === 1 ? '' : 's'}: ${shown}${more}; ` +
    'the legacy dependency stays and the SSOT test stays a ratchet until they are migrated'
  );
}
