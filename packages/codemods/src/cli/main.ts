import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { runAudit, type AuditReport } from '../audit/runAudit.js';
import { CodemodError } from '../codemodError.js';
import { formatJson } from '../report/formatJson.js';
import { formatSarif } from '../report/formatSarif.js';
import { formatTable } from '../report/formatTable.js';
import { createProgress } from './progress.js';

const HELP = `aet — move a code base onto the AgentExecutionTracker single source of truth

Usage:
  aet audit [path] [--format table|json|sarif] [--fail-on error|warning] [--output file]
            [--report file.json] [--jobs N]
  aet --help | --version

Commands:
  audit   find SSOT violations (legacy tracker imports, direct construction, hand-minted
          execution ids) and follow-ups (duplicate state enums, hand-rolled timeouts, private
          state maps, TODO(aet) markers) in the repository at path (default: .)

Options:
  --format   table (default), json, or sarif (SARIF 2.1.0 for code scanning)
  --fail-on  error (default): exit 1 while violations remain; warning: follow-ups count too
  --output   write the report to a file instead of standard output
  --report   also write the JSON report (one row per file) to this file
  --jobs     worker processes (default: the machine's cores; small trees use one)

Configuration: aet.config.json in the repository (legacyModules, legacyPathSuffixes,
targetModule, ignore). Files ignored by .gitignore are not read.

Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage error or an incomplete audit
(a file could not be read or parsed).

Not built yet: aet plan, aet migrate, aet check (they come with the migration transforms).`;

function version(): string {
  const packageJson = JSON.parse(
    readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
  ) as { version: string };
  return packageJson.version;
}

/** Runs the CLI with `argv` (without node and script); resolves to the exit code. */
export async function main(
  argv: readonly string[],
  io = { out: process.stdout, err: process.stderr },
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
  if (command !== 'audit') {
    const planned = ['plan', 'migrate', 'check'].includes(command);
    io.err.write(
      planned
        ? `aet: "${command}" is not built yet (it comes with the migration transforms); aet audit works today\n`
        : `aet: unknown command "${command}"; see aet --help\n`,
    );
    return 2;
  }
  if (extra.length > 0) {
    io.err.write(`aet: audit takes one path, got ${positionals.slice(1).join(' ')}\n`);
    return 2;
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
