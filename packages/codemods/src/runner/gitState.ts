import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { CodemodError } from '../codemodError.js';

const run = promisify(execFile);

/** Whether `root` is inside a git work tree. */
export async function isGitWorkTree(root: string): Promise<boolean> {
  try {
    const { stdout } = await run('git', ['rev-parse', '--is-inside-work-tree'], { cwd: root });
    return stdout.trim() === 'true';
  } catch {
    return false;
  }
}

/** Paths with uncommitted changes (staged, unstaged or untracked), as `git status` lists them. */
export async function uncommittedPaths(root: string): Promise<string[]> {
  const { stdout } = await run('git', ['status', '--porcelain', '-z', '--untracked-files=all'], {
    cwd: root,
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout
    .split('\0')
    .filter((entry) => entry.length > 3)
    .map((entry) => entry.slice(3));
}

/**
 * Before writing to `root`: throws `AET_DIRTY_TREE` when the git tree has uncommitted changes
 * (unless `allowDirty`), so every change of a run can be reviewed and reverted; returns a warning
 * when the root is not a git repository at all.
 */
export async function checkWritableTree(root: string, allowDirty: boolean): Promise<string[]> {
  if (!(await isGitWorkTree(root)))
    return [`${root} is not a git repository: the changes cannot be reviewed or reverted with git`];
  // Allowed dirty: no need to list the tree (a `git status` over the whole repository).
  if (allowDirty) return [];
  const dirty = await uncommittedPaths(root);
  if (dirty.length > 0) {
    const listed =
      dirty.slice(0, 10).join(', ') + (dirty.length > 10 ? `, and ${dirty.length - 10} more` : '');
    throw new CodemodError(
      'AET_DIRTY_TREE',
      `the git tree has uncommitted changes (${listed}): commit or stash them so the migration can be reviewed and reverted, or pass --allow-dirty`,
    );
  }
  return [];
}
