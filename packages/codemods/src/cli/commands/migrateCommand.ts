import { writeFile } from 'node:fs/promises';
import { isPhaseName, PHASES } from '../../migration/phases.js';
import { runMigration, type MigrationResult } from '../../migration/runMigration.js';
import { createProgress } from '../progress.js';
import { EXIT, plural, type CliIo } from '../io.js';

export interface MigrateCommandOptions {
  readonly phase: string | undefined;
  readonly dry: boolean;
  readonly diff: boolean;
  readonly allowDirty: boolean;
  /** The compile gate (on unless --no-typecheck). */
  readonly typecheck: boolean;
  readonly report: string | undefined;
}

/** `aet migrate [path] --phase <name|all>`. */
export async function migrateCommand(
  path: string,
  options: MigrateCommandOptions,
  io: CliIo,
): Promise<number> {
  const phase = options.phase;
  if (phase === undefined || (phase !== 'all' && !isPhaseName(phase))) {
    io.err.write(
      `aet: migrate needs --phase with one of ${PHASES.join(', ')} or all, got ${JSON.stringify(phase)}\n`,
    );
    return EXIT.usage;
  }
  const progress = createProgress(io.err, `aet migrate --phase ${phase}`);
  const result = await runMigration(path, phase, {
    dry: options.dry,
    diff: options.diff,
    allowDirty: options.allowDirty,
    typecheck: options.typecheck,
    ...(io.signal === undefined ? {} : { signal: io.signal }),
    onFile: (_group, done, total) => {
      progress.update(done, total);
    },
  });
  progress.finish();
  if (result.nothingToMigrate) {
    io.out.write(
      'nothing to migrate: no file uses the legacy API (the audit finds no SSOT violation); nothing was written\n',
    );
    return EXIT.ok;
  }
  if (options.diff) for (const diff of result.diffs) io.out.write(diff);
  io.out.write(summary(result));
  if (options.report !== undefined) {
    await writeFile(options.report, `${JSON.stringify(reportJson(result), null, 2)}\n`);
    io.err.write(`aet: migration report written to ${options.report}\n`);
  }
  if (result.interrupted) {
    io.err.write(
      'aet: interrupted: every file is either as it was or fully migrated; run the same command again to finish\n',
    );
    return EXIT.interrupted;
  }
  return result.failed.length > 0 || result.rejected.length > 0 ? EXIT.usage : EXIT.ok;
}

function summary(result: MigrationResult): string {
  const lines: string[] = [];
  const verb = result.dry ? 'would change' : 'changed';
  for (const phase of result.phases) {
    const parts = [
      `${verb} ${plural(phase.changedFiles.length, 'file')}`,
      plural(phase.rewrites, 'rewrite'),
      plural(phase.markers, 'TODO(aet) marker'),
    ];
    lines.push(`phase ${phase.phase}: ${parts.join(', ')}`);
    for (const file of phase.files)
      lines.push(`  ${result.dry ? 'would write' : 'wrote'} ${file.path}: ${file.why}`);
  }
  for (const row of result.failed)
    lines.push(`failed ${row.path}: ${row.reason ?? ''} (left as it was)`);
  for (const row of result.rejected) lines.push(`not migrated ${row.path}: ${row.reason ?? ''}`);
  for (const gate of result.gate) {
    lines.push(
      `compile gate: ${plural(gate.checkedFiles, 'file')} type-checked before and after, ` +
        `${plural(gate.rejected, 'rewrite')} refused, ${(gate.durationMs / 1000).toFixed(1)} s` +
        (gate.unchecked.length > 0
          ? `; not covered by a type check: ${gate.unchecked.map((file) => `${file.path} (${file.why})`).join(', ')}`
          : ''),
    );
  }
  for (const warning of result.warnings) lines.push(`warning: ${warning}`);
  const scanned = result.runs[0]?.summary.scanned ?? 0;
  const changed = new Set(
    result.runs.flatMap((run) => run.rows.filter((r) => r.status === 'changed').map((r) => r.path)),
  );
  const skipped = result.runs[0]?.summary.skipped ?? 0;
  lines.push(
    `${result.dry ? 'dry run: ' : ''}${plural(scanned, 'file')} scanned, ${changed.size} ${verb}, ${skipped} skipped, ${result.failed.length} failed, ${result.rejected.length} not migrated, ${(result.durationMs / 1000).toFixed(1)} s`,
  );
  return `${lines.join('\n')}\n`;
}

function reportJson(result: MigrationResult) {
  return {
    root: result.root,
    dry: result.dry,
    interrupted: result.interrupted,
    phases: result.phases,
    files: result.runs.flatMap((run) =>
      run.rows
        .filter((row) => row.status !== 'unchanged' || row.events.length > 0)
        .map((row) => ({ ...row })),
    ),
    warnings: result.warnings,
    gate: result.gate,
    legacyRemaining: result.legacyRemaining,
    durationMs: Math.round(result.durationMs),
  };
}
