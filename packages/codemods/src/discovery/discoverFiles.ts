import { execFile } from 'node:child_process';
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import ignore, { type Ignore } from 'ignore';
import { CodemodError } from '../codemodError.js';

/** The extensions aet parses. */
export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs'] as const;

/** A file the run leaves out, and why. */
export interface SkippedFile {
  readonly path: string;
  readonly reason: string;
}

/** What discovery found under the root. */
export interface DiscoveredFiles {
  /** Paths relative to the root, `/`-separated, sorted. */
  readonly files: string[];
  readonly skipped: SkippedFile[];
  /** Whether the root is inside a git work tree (then `.gitignore` files are honoured by git). */
  readonly git: boolean;
}

const ALWAYS_IGNORED = ['node_modules/', '.git/', 'dist/', '.nx/'];

/**
 * The source files under `root`, honouring `.gitignore` (through git when the root is in a work
 * tree: every nested `.gitignore`, excludes and untracked files; otherwise the root `.gitignore`)
 * and `ignorePatterns`. Symbolic links that lead outside the root are skipped and reported.
 */
export async function discoverFiles(
  root: string,
  ignorePatterns: readonly string[],
): Promise<DiscoveredFiles> {
  const rootStat = await stat(root).catch(() => undefined);
  if (rootStat === undefined) throw new CodemodError('AET_BAD_PATH', `no such directory: ${root}`);
  if (!rootStat.isDirectory())
    throw new CodemodError(
      'AET_BAD_PATH',
      `not a directory: ${root} (aet works on a repository folder)`,
    );
  const realRoot = await realpath(root);
  const filter = ignore()
    .add(ALWAYS_IGNORED)
    .add([...ignorePatterns]);
  const listed = (await gitListFiles(root)) ?? (await walk(root, await rootGitignore(root)));
  const files: string[] = [];
  const skipped: SkippedFile[] = [];
  for (const path of listed.files) {
    if (!isSource(path) || filter.ignores(path)) continue;
    const absolute = join(root, path);
    const info = await lstat(absolute).catch(() => undefined);
    if (info === undefined) continue; // deleted in the work tree, still in the index
    if (info.isSymbolicLink()) {
      const target = await realpath(absolute).catch(() => undefined);
      if (target === undefined || !isInside(realRoot, target)) {
        skipped.push({ path, reason: 'symbolic link that leads outside the root' });
        continue;
      }
    }
    files.push(path);
  }
  files.sort();
  return { files, skipped, git: listed.git };
}

/** Declaration files (`.d.ts`, ambient modules) hold types, never a call site: not read. */
const DECLARATION_FILE = /\.d\.(c|m)?ts$/;

function isSource(path: string): boolean {
  return (
    SOURCE_EXTENSIONS.some((extension) => path.endsWith(extension)) && !DECLARATION_FILE.test(path)
  );
}

function isInside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep) && rel !== '..';
}

async function gitListFiles(root: string): Promise<{ files: string[]; git: true } | undefined> {
  try {
    const { stdout } = await promisify(execFile)(
      'git',
      ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--deduplicate'],
      { cwd: root, maxBuffer: 256 * 1024 * 1024 },
    );
    return { files: stdout.split('\0').filter((path) => path !== ''), git: true };
  } catch {
    return undefined;
  }
}

async function rootGitignore(root: string): Promise<Ignore> {
  const text = await readFile(join(root, '.gitignore'), 'utf8').catch(() => '');
  return ignore().add(text);
}

async function walk(root: string, gitignore: Ignore): Promise<{ files: string[]; git: false }> {
  const files: string[] = [];
  const pending = [''];
  while (pending.length > 0) {
    const dir = pending.pop() as string;
    const entries = await readdir(join(root, dir), { withFileTypes: true });
    for (const entry of entries) {
      const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!gitignore.ignores(`${path}/`) && !ALWAYS_IGNORED.includes(`${entry.name}/`))
          pending.push(path);
      } else if (!gitignore.ignores(path)) {
        files.push(path);
      }
    }
  }
  return { files, git: false };
}
