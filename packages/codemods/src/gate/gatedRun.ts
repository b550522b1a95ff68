import type { TransformRow, TransformRunResult } from '../runner/runTransforms.js';
import type { GateVerdict } from './compileGate.js';

/**
 * A run's result with the gate's verdict applied: rejected files are rows of status `rejected`
 * (their rewrites and markers undone, the type errors as the reason), and their outputs are gone.
 */
export function withVerdict(run: TransformRunResult, verdict: GateVerdict): TransformRunResult {
  if (verdict.rejected.length === 0) return run;
  const rejected = new Map(verdict.rejected.map((rejection) => [rejection.path, rejection]));
  const rows = run.rows.map((row): TransformRow => {
    const rejection = rejected.get(row.path);
    if (rejection === undefined) return row;
    const shown = rejection.diagnostics.slice(0, 3).join('; ');
    const more =
      rejection.diagnostics.length > 3
        ? ` (+${String(rejection.diagnostics.length - 3)} more)`
        : '';
    return {
      path: row.path,
      status: 'rejected',
      parsed: row.parsed,
      transforms: [],
      events: [],
      reason: `the rewrite would not type-check: ${shown}${more}; left as it was (the legacy API still serves it)`,
    };
  });
  const outputs = new Map([...run.outputs].filter(([path]) => !rejected.has(path)));
  const diffs = run.diffs.filter(
    (diff) => ![...rejected.keys()].some((path) => diff.startsWith(`--- a/${path}\n`)),
  );
  return {
    ...run,
    rows,
    outputs,
    diffs,
    summary: {
      ...run.summary,
      changed: rows.filter((row) => row.status === 'changed').length,
      rejected: rejected.size,
    },
  };
}
