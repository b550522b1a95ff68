import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { runAudit, type AuditReport } from '../audit/runAudit.js';
import { CodemodError } from '../codemodError.js';
import { formatJson } from '../report/formatJson.js';
import { formatSarif } from '../report/formatSarif.js';
import { formatTable } from '../report/formatTable.js';
import { migrateCommand } from './commands/migrateCommand.js';
import { checkCommand, planCommand } from './commands/planCommand.js';
import type { CliIo } from './io.js';
import { createProgress } from './progress.js';

const HELP = `aet — move a code base onto the AgentExecutionTracker single source of truth

Usage:
  aet audit   [path] [--format table|json|sarif] [--fail-on error|warning] [--output file]
              [--report file.json] [--jobs N]
  aet plan    [path] [--format table|json]
  aet migrate [path] --phase <prepare|state|timeouts|engines|finalize|all>
              [--dry] [--diff] [--allow-dirty] [--no-typecheck] [--report file.json]
  aet check   [path]
  aet --help | --version

Commands:
  audit    find SSOT violations (legacy tracker imports, direct construction, hand-minted
           execution ids) and follow-ups (duplicate state enums, hand-rolled timeouts, private
           state maps, TODO(aet) markers) in the repository at path (default: .)
  plan     per phase: the files and call sites it would change, and the TODO(aet) markers it
           would leave for a human
  migrate  run one phase, or all in order (each phase refuses to run before the ones it
           builds on):
             prepare   baseline audit report + an SSOT test in your suite (no source edits)
             state     AgentStateTracker -> tracker calls
             timeouts  AgentExecutionTimeoutManager -> tracker calls
             engines   legacy ExecutionTracker -> tracker calls; ids -> UnifiedIDManager
             finalize  remove legacy imports and dependency; SSOT test made strict
  check    CI gate: exit 1 while any phase would still change code or a violation remains

Options:
  --format       audit: table (default), json, or sarif (SARIF 2.1.0); plan: table or json
  --fail-on      audit: error (default) exits 1 on violations; warning: follow-ups count too
  --output       audit: write the report to a file instead of standard output
  --report       write the JSON report (one row per file) to this file
  --jobs         audit: worker processes (default: the machine's cores; small trees use one)
  --phase        migrate: the phase to run, or all
  --dry          migrate: compute the changes, write nothing
  --diff         migrate: print a unified diff of every changed file
  --allow-dirty  migrate: write even when the git tree has uncommitted changes
  --no-typecheck migrate: skip the compile gate (by default each phase type-checks its
                 rewrites with your tsconfig before writing, and leaves out any file whose
                 rewrite would add a type error: it stays as it was, on the legacy API)

Configuration: aet.config.json in the repository (legacyModules, legacyPathSuffixes,
targetModule, ignore). Files ignored by .gitignore are not read. Writes are atomic: a file is
either as it was or fully migrated, also when a run is interrupted (Ctrl-C stops between files).

Exit status: 0 done or clean, 1 findings (audit) or pending work (check), 2 usage error or an
incomplete run (a file could not be read, parsed or transformed, or its rewrite would not
type-check), 130 interrupted.`;

function version(): string {
  const packageJson = JSON.parse(
    readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
  ) as { version: string };
  return packageJson.version;
}

/** Runs the CLI with `argv` (without node and script); resolves to the exit code. */
export async function main(
  argv: readonly string[],
  io: CliIo = { out: process.stdout, err: process.stderr },
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'table' },
        'fail-on': { type: 'string', default: 'error' },
        output: { type: 'string' },
        report: { type: 'string' },
        jobs: { type: 'string' },
        phase: { type: 'string' },
        dry: { type: 'boolean', default: false },
        diff: { type: 'boolean', default: false },
        'allow-dirty': { type: 'boolean', default: false },
        'no-typecheck': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    io.err.write(`aet: ${(error as Error).message}\n\n${HELP}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.version === true) {
    io.out.write(`${version()}\n`);
    return 0;
  }
  const [command, path = '.', ...extra] = positionals;
  if (values.help === true || command === undefined || command === 'help') {
    io.out.write(`${HELP}\n`);
    return command === undefined && values.help !== true ? 2 : 0;
  }
  if (!['audit', 'plan', 'migrate', 'check'].includes(command)) {
    io.err.write(`aet: unknown command "${command}"; see aet --help\n`);
    return 2;
  }
  if (extra.length > 0) {
    io.err.write(`aet: ${command} takes one path, got ${positionals.slice(1).join(' ')}\n`);
    return 2;
  }
  if (command !== 'audit') {
    try {
      return await runMigrationCommand(command, path, values, io);
    } catch (error) {
      if (error instanceof CodemodError) {
        io.err.write(`aet: ${error.message}\n`);
        return 2;
      }
      throw error;
    }
  }
  const format = values.format;
  if (format !== 'table' && format !== 'json' && format !== 'sarif') {
    io.err.write(`aet: --format must be table, json or sarif, got ${JSON.stringify(format)}\n`);
    return 2;
  }
  const failOn = values['fail-on'];
  if (failOn !== 'error' && failOn !== 'warning') {
    io.err.write(`aet: --fail-on must be error or warning, got ${JSON.stringify(failOn)}\n`);
    return 2;
  }

  const jobs = values.jobs === undefined ? availableParallelism() : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) {
    io.err.write(`aet: --jobs must be a whole number >= 1, got ${JSON.stringify(values.jobs)}\n`);
    return 2;
  }

  let report: AuditReport;
  const progress = createProgress(io.err, 'aet audit');
  try {
    report = await runAudit(path, {
      jobs,
      onFile: (done, total) => {
        progress.update(done, total);
      },
    });
    progress.finish();
  } catch (error) {
    if (error instanceof CodemodError) {
      io.err.write(`aet: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const text =
    format === 'json'
      ? formatJson(report)
      : format === 'sarif'
        ? formatSarif(report, version())
        : formatTable(report);
  if (values.output === undefined) {
    io.out.write(`${text}\n`);
  } else {
    await writeFile(values.output, `${text}\n`);
    io.err.write(`aet: report written to ${values.output}\n`);
  }
  if (values.report !== undefined) {
    await writeFile(values.report, `${formatJson(report)}\n`);
    io.err.write(`aet: JSON report written to ${values.report}\n`);
  }
  const findings =
    report.summary.violations + (failOn === 'warning' ? report.summary.followUps : 0);
  if (findings > 0) return 1;
  return report.summary.failed > 0 ? 2 : 0;
}

async function runMigrationCommand(
  command: string,
  path: string,
  values: {
    format?: string;
    phase?: string;
    dry?: boolean;
    diff?: boolean;
    'allow-dirty'?: boolean;
    'no-typecheck'?: boolean;
    report?: string;
  },
  io: CliIo,
): Promise<number> {
  if (command === 'plan') {
    if (values.format !== 'table' && values.format !== 'json') {
      io.err.write(
        `aet: plan --format must be table or json, got ${JSON.stringify(values.format)}\n`,
      );
      return 2;
    }
    return planCommand(path, values.format === 'json', io);
  }
  if (command === 'check') return checkCommand(path, io);
  return migrateCommand(
    path,
    {
      phase: values.phase,
      dry: values.dry === true,
      diff: values.diff === true,
      allowDirty: values['allow-dirty'] === true,
      typecheck: values['no-typecheck'] !== true,
      report: values.report,
    },
    io,
  );
}
