import type { TransformRow, TransformRunResult } from '../runner/runTransforms.js';
import { compileGate, type GateRejection, type UncheckedFile } from './compileGate.js';

/** The compile gate's work in one source run. */
export interface GateSummary {
  readonly checkedFiles: number;
  readonly rejected: number;
  /** Rewritten files no type check could judge, and why. */
  readonly unchecked: readonly UncheckedFile[];
  readonly durationMs: number;
}

/** The API phases whose rewrites of one repository move together (finalize only tidies up). */
const COHESIVE = new Set(['state', 'timeouts', 'engines']);

/**
 * Puts a source run through the compile gate, and keeps each legacy API's migration whole: when
 * one file's rewrite by a phase is refused, that phase's rewrites of every other file are held
 * back too (a file still on the legacy shims and a file on the tracker see different
 * bookkeeping: half an API migrated compiles, yet behaves otherwise). What is left is checked
 * again, until it adds no diagnostic. Returns the run as it may be written.
 */
export async function gateSourceRun(
  root: string,
  run: TransformRunResult,
  overlay: ReadonlyMap<string, string>,
): Promise<{ run: TransformRunResult; summary: GateSummary }> {
  const started = performance.now();
  const transformsOf = new Map(run.rows.map((row) => [row.path, row.transforms]));
  const refused = new Map<string, string>();
  let rewrites = new Map(run.outputs);
  let checkedFiles = 0;
  let unchecked: readonly UncheckedFile[] = [];
  while (rewrites.size > 0) {
    const verdict = await compileGate({ root, rewrites, overlay });
    checkedFiles = Math.max(checkedFiles, verdict.checkedFiles);
    unchecked = verdict.unchecked;
    for (const rejection of verdict.rejected) refused.set(rejection.path, typeErrors(rejection));
    const held = holdBack(refused, transformsOf, rewrites);
    for (const [path, reason] of held) refused.set(path, reason);
    if (verdict.rejected.length === 0 && held.size === 0) break;
    rewrites = new Map([...rewrites].filter(([path]) => !refused.has(path)));
  }
  const summary: GateSummary = {
    checkedFiles,
    rejected: refused.size,
    unchecked: unchecked.filter((file) => !refused.has(file.path)),
    durationMs: performance.now() - started,
  };
  return { run: withRefusals(run, refused), summary };
}

function typeErrors(rejection: GateRejection): string {
  const shown = rejection.diagnostics.slice(0, 3).join('; ');
  const more =
    rejection.diagnostics.length > 3 ? ` (+${String(rejection.diagnostics.length - 3)} more)` : '';
  return `the rewrite would not type-check: ${shown}${more}; left as it was (the legacy API still serves it)`;
}

/** The rewrites still in `rewrites` that share an API phase with a refused file. */
function holdBack(
  refused: ReadonlyMap<string, string>,
  transformsOf: ReadonlyMap<string, readonly string[]>,
  rewrites: ReadonlyMap<string, string>,
): Map<string, string> {
  const held = new Map<string, string>();
  const blocked = new Map<string, string>();
  for (const path of refused.keys())
    for (const phase of transformsOf.get(path) ?? [])
      if (COHESIVE.has(phase) && !blocked.has(phase)) blocked.set(phase, path);
  let grew = true;
  while (grew) {
    grew = false;
    for (const path of rewrites.keys()) {
      if (refused.has(path) || held.has(path)) continue;
      const phases = transformsOf.get(path) ?? [];
      const phase = phases.find((each) => blocked.has(each));
      if (phase === undefined) continue;
      held.set(
        path,
        `held back: phase ${phase} could not migrate ${blocked.get(phase) ?? ''}, and one API's ` +
          'files move together (half of it on the tracker would behave otherwise); left as it was',
      );
      for (const other of phases)
        if (COHESIVE.has(other) && !blocked.has(other)) blocked.set(other, path);
      grew = true;
    }
  }
  return held;
}

/**
 * The run with refused files as rows of status `rejected` (their rewrites and markers undone,
 * the reason given), and their outputs and diffs gone.
 */
function withRefusals(
  run: TransformRunResult,
  refused: ReadonlyMap<string, string>,
): TransformRunResult {
  if (refused.size === 0) return run;
  const rows = run.rows.map((row): TransformRow => {
    const reason = refused.get(row.path);
    if (reason === undefined) return row;
    return {
      path: row.path,
      status: 'rejected',
      parsed: row.parsed,
      transforms: [],
      events: [],
      reason,
    };
  });
  return {
    ...run,
    rows,
    outputs: new Map([...run.outputs].filter(([path]) => !refused.has(path))),
    diffs: run.diffs.filter(
      (diff) => ![...refused.keys()].some((path) => diff.startsWith(`--- a/${path}\n`)),
    ),
    summary: {
      ...run.summary,
      changed: rows.filter((row) => row.status === 'changed').length,
      rejected: refused.size,
    },
  };
}
