import { execFile } from 'node:child_process';
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const exec = promisify(execFile);
export const workspace = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const example = join(workspace, 'examples', 'legacy-chat-backend');
const aetBin = join(workspace, 'packages', 'codemods', 'bin', 'aet.js');
const PHASES = ['prepare', 'state', 'timeouts', 'engines', 'finalize'] as const;

const git = (dir: string, ...args: string[]) =>
  exec('git', ['-c', 'user.email=golden@aet.invalid', '-c', 'user.name=aet golden', ...args], {
    cwd: dir,
  });

/**
 * The follow-up a person makes after the migration, at the line the engines phase leaves: the
 * legacy tracker never emitted `tool_completed`, so the engine told the socket itself; on the
 * SSOT the tracker emits it, and every sink (the bridge among them) gets it in order.
 */
const TOOL_COMPLETED_VIA_SOCKET =
  /void this\.websocketManager\.notifyToolCompleted\(runId, agentName, toolName, (\{\s*result: toolResult,\s*durationMs,\s*\})\);/;
const TOOL_COMPLETED_VIA_TRACKER = 'this.phaseTracker.toolCompleted(executionId, toolName, $1);';

/**
 * `examples/legacy-chat-backend` migrated with the aet CLI, phase by phase, in a fresh git
 * repository inside the workspace (so it resolves the workspace's packages), plus the follow-up
 * above. Returns its folder; `remove()` deletes it.
 */
export async function migratedExample(
  name: string,
): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = join(workspace, '.aet-demo', name);
  await rm(dir, { recursive: true, force: true });
  await cp(example, dir, {
    recursive: true,
    filter: (source) => !/[/\\](node_modules|dist)$/.test(source),
  });
  await git(dir, 'init', '-q');
  await git(dir, 'add', '-A');
  await git(dir, 'commit', '-qm', 'before the migration');
  for (const phase of PHASES) {
    await exec(process.execPath, [aetBin, 'migrate', '.', '--phase', phase], { cwd: dir });
    await git(dir, 'add', '-A');
    await git(dir, 'commit', '-qm', `aet migrate --phase ${phase}`);
  }
  const engine = join(dir, 'src', 'engine', 'userExecutionEngine.ts');
  const source = await readFile(engine, 'utf8');
  if (!TOOL_COMPLETED_VIA_SOCKET.test(source)) {
    throw new Error(
      `the migrated engine no longer reports tool completion as expected:\n${source}`,
    );
  }
  await writeFile(engine, source.replace(TOOL_COMPLETED_VIA_SOCKET, TOOL_COMPLETED_VIA_TRACKER));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
