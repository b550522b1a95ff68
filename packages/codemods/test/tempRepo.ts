import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const run = promisify(execFile);

/** Temporary repositories made by a test file, removed by `removeTempRepos` (call it in afterEach). */
const made: string[] = [];

/** A real temporary folder with `files`, committed to a fresh git repository unless `git: false`. */
export async function tempRepo(
  files: Record<string, string | Buffer>,
  options: { git?: boolean } = {},
): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'aet-test-'));
  made.push(dir);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  if (options.git !== false) {
    await run('git', ['init', '-q'], { cwd: dir });
    await run('git', ['add', '-A'], { cwd: dir });
    await commitAll(dir, 'init');
  }
  return dir;
}

/** Commits everything in `dir`. */
export async function commitAll(dir: string, message: string): Promise<void> {
  await run('git', ['add', '-A'], { cwd: dir });
  await run(
    'git',
    [
      '-c',
      'user.email=test@aet.invalid',
      '-c',
      'user.name=aet test',
      'commit',
      '--allow-empty',
      '-qm',
      message,
    ],
    { cwd: dir },
  );
}

export async function removeTempRepos(): Promise<void> {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/** Runs the built `aet` CLI as a child process; resolves with its exit code and output. */
export async function aet(
  args: readonly string[],
  cwd?: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [aetBin, ...args], {
      cwd,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** The workspace root: a repository made below it resolves the workspace's `@aet/*` packages. */
export const workspaceRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/**
 * {@link tempRepo} inside the workspace (under the git-ignored `.aet-demo/`), for tests that
 * type-check or run the repository against the real legacy shims and tracker.
 */
export async function workspaceRepo(name: string, files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(workspaceRoot, '.aet-demo', `${name}-`));
  made.push(dir);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  await run('git', ['init', '-q'], { cwd: dir });
  await commitAll(dir, 'init');
  return dir;
}

/** The tsconfig a consumer in the workspace type-checks with (sources of `@aet/*`, no build). */
export const CONSUMER_TSCONFIG = JSON.stringify({
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: ['node'],
    customConditions: ['@aet/source'],
  },
  include: ['src'],
});

/** The built CLI. */
export const aetBin = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'aet.js');
