// npm run demo: the main job, end to end. Copies examples/legacy-chat-backend into a fresh git
// repository, audits it, migrates it phase by phase with the aet CLI (one commit per phase),
// audits and checks it again, typechecks it and runs its own test suite.
//
//   npm run demo                    the README's main-job command
//   npm run demo -- --dir <path>    migrate a copy at <path> (inside the workspace, so the copy
//                                   resolves the workspace's packages); --json for a summary
import { execFile } from 'node:child_process';
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';

const workspace = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const example = join(workspace, 'examples', 'legacy-chat-backend');
const aetBin = join(workspace, 'packages', 'codemods', 'bin', 'aet.js');
const vitestBin = join(workspace, 'node_modules', 'vitest', 'vitest.mjs');
const tscBin = join(workspace, 'node_modules', 'typescript', 'bin', 'tsc');
const PHASES = ['prepare', 'state', 'timeouts', 'engines', 'finalize'] as const;

interface Step {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function run(command: string, args: readonly string[], cwd: string): Promise<Step> {
  try {
    const { stdout, stderr } = await promisify(execFile)(command, [...args], {
      cwd,
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return {
      code: typeof failed.code === 'number' ? failed.code : 1,
      stdout: failed.stdout ?? '',
      stderr: failed.stderr ?? String(error),
    };
  }
}

const git = (dir: string, ...args: string[]) =>
  run('git', ['-c', 'user.email=demo@aet.invalid', '-c', 'user.name=aet demo', ...args], dir);

function violationsOf(audit: Step): number {
  return Number(/(\d+) violations?/.exec(audit.stdout)?.[1] ?? NaN);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { dir: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  const dir = resolve(values.dir ?? join(workspace, '.aet-demo', 'legacy-chat-backend'));
  const depth = relative(workspace, dir).split('/').length;
  if (relative(workspace, dir).startsWith('..') || depth !== 2) {
    throw new Error(
      `--dir must be two levels inside the workspace (like .aet-demo/name), so the copy resolves the workspace's packages and configs; got ${dir}`,
    );
  }
  const log = (text: string) => {
    if (!values.json) process.stdout.write(`${text}\n`);
  };
  const started = performance.now();
  await rm(dir, { recursive: true, force: true });
  await mkdir(dirname(dir), { recursive: true });
  await cp(example, dir, {
    recursive: true,
    filter: (source) => !/[/\\](node_modules|dist)$/.test(source),
  });
  await writeFile(join(dir, '.gitignore'), 'node_modules/\ndist/\n');
  await git(dir, 'init', '-q');
  await git(dir, 'add', '-A');
  await git(dir, 'commit', '-qm', 'legacy-chat-backend, before the migration');
  log(
    `== a copy of examples/legacy-chat-backend in ${relative(workspace, dir)} (a fresh git repository)\n`,
  );

  const before = await run(process.execPath, [aetBin, 'audit', '.'], dir);
  log(`== aet audit (before)\n${before.stdout}`);

  const phases: { phase: string; diffstat: string; markers: number; output: string }[] = [];
  for (const phase of PHASES) {
    const migrated = await run(process.execPath, [aetBin, 'migrate', '.', '--phase', phase], dir);
    if (migrated.code !== 0) {
      process.stderr.write(
        `aet migrate --phase ${phase} failed:\n${migrated.stdout}${migrated.stderr}`,
      );
      return 1;
    }
    await git(dir, 'add', '-A');
    const stat = await git(dir, 'diff', '--cached', '--stat');
    const diff = await git(
      dir,
      'diff',
      '--cached',
      '-U0',
      '--',
      '*.ts',
      '*.tsx',
      '*.js',
      '*.cjs',
      '*.mjs',
    );
    const markers = diff.stdout.split('\n').filter((line) => /^\+.*TODO\(aet\)/.test(line)).length;
    await git(dir, 'commit', '-qm', `aet migrate --phase ${phase}`);
    phases.push({ phase, diffstat: stat.stdout.trim(), markers, output: migrated.stdout.trim() });
    log(
      `== aet migrate --phase ${phase}\n${migrated.stdout.trim()}\n${stat.stdout.trim()}\nTODO(aet) markers added: ${markers}\n`,
    );
  }

  const after = await run(process.execPath, [aetBin, 'audit', '.'], dir);
  log(`== aet audit (after)\n${after.stdout}`);
  const check = await run(process.execPath, [aetBin, 'check', '.'], dir);
  log(`== aet check\n${check.stdout}`);
  const typecheck = await run(process.execPath, [tscBin, '-p', 'tsconfig.json', '--noEmit'], dir);
  log(`== tsc --noEmit: ${typecheck.code === 0 ? 'passes' : `FAILS\n${typecheck.stdout}`}`);
  const tests = await run(process.execPath, [vitestBin, 'run', '--reporter', 'dot'], dir);
  const testLine = /Tests\s+(.*)/.exec(tests.stdout)?.[1]?.trim() ?? '';
  log(`== the example's own test suite: ${tests.code === 0 ? 'passes' : 'FAILS'} (${testLine})`);
  if (tests.code !== 0) log(tests.stdout + tests.stderr);

  const summary = {
    dir,
    violationsBefore: violationsOf(before),
    violationsAfter: violationsOf(after),
    phases: phases.map(({ phase, diffstat, markers }) => ({ phase, diffstat, markers })),
    checkPasses: check.code === 0,
    typecheckPasses: typecheck.code === 0,
    testsPass: tests.code === 0,
    tests: testLine,
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
  if (values.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else {
    log('== summary');
    log(`violations: ${summary.violationsBefore} before, ${summary.violationsAfter} after`);
    for (const p of phases)
      log(`  ${p.phase.padEnd(9)} ${p.diffstat.split('\n').pop() ?? ''} (${p.markers} markers)`);
    log(
      `aet check ${summary.checkPasses ? 'passes' : 'FAILS'}; typecheck ${summary.typecheckPasses ? 'passes' : 'FAILS'}; tests ${summary.testsPass ? 'pass' : 'FAIL'} (${testLine})`,
    );
    log(
      `one commit per phase: git -C ${relative(process.cwd(), dir) || '.'} log --oneline  (${summary.seconds} s)`,
    );
  }
  const ok =
    summary.violationsAfter === 0 &&
    summary.checkPasses &&
    summary.typecheckPasses &&
    summary.testsPass;
  return ok ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`demo: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
