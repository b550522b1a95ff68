import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

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
