import { spawn } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { aet, aetBin, commitAll, removeTempRepos, run, tempRepo } from './tempRepo.js';

afterEach(removeTempRepos);

const STATE_USER = `import { AgentStateTracker, AgentExecutionPhase } from '@aet/legacy-shims/agent-state-tracker';

const phases = new AgentStateTracker();

export async function think(id: string) {
  await phases.transitionPhase(id, AgentExecutionPhase.THINKING);
}
`;
const UNRELATED = 'export const answer   =  42; // not legacy: stays byte for byte\n';

async function status(dir: string): Promise<string> {
  return (await run('git', ['status', '--porcelain'], { cwd: dir })).stdout;
}

describe('aet migrate (child process, real git repositories)', () => {
  it('runs the phases in order, one at a time, and refuses one whose earlier phase is missing', async () => {
    const dir = await tempRepo({ 'src/engine.ts': STATE_USER, 'src/other.ts': UNRELATED });
    const early = await aet(['migrate', dir, '--phase', 'timeouts']);
    expect(early.code).toBe(2);
    expect(early.stderr).toContain('phase "prepare" has not run');
    expect(await aet(['migrate', dir, '--phase', 'prepare'])).toMatchObject({ code: 0 });
    expect(await status(dir)).toContain('aet-baseline.json');
    await commitAll(dir, 'prepare');
    const skipped = await aet(['migrate', dir, '--phase', 'engines']);
    expect(skipped.code).toBe(2);
    expect(skipped.stderr).toContain(
      'phase "state" has not run (it would still change src/engine.ts)',
    );
    expect(skipped.stderr).toContain('run aet migrate --phase state first');
    const state = await aet(['migrate', dir, '--phase', 'state']);
    expect(state.stdout).toContain('phase state: changed 1 file, 2 rewrites, 0 TODO(aet) markers');
    expect(await readFile(join(dir, 'src/engine.ts'), 'utf8')).toContain(
      "import { getExecutionTracker, AgentExecutionPhase } from '@aet/tracker-core';",
    );
    expect(await readFile(join(dir, 'src/other.ts'), 'utf8')).toBe(UNRELATED);
  });

  it('refuses a dirty tree, and shows the plan and a dry diff without writing', async () => {
    const dir = await tempRepo({ 'src/engine.ts': STATE_USER });
    await writeFile(join(dir, 'src/wip.ts'), 'export {};\n');
    const dirty = await aet(['migrate', dir, '--phase', 'all']);
    expect(dirty.code).toBe(2);
    expect(dirty.stderr).toContain('uncommitted changes (src/wip.ts)');
    const plan = await aet(['plan', dir]);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('phase state');
    expect(plan.stdout).toContain('src/engine.ts: 2 rewrites');
    const dry = await aet(['migrate', dir, '--phase', 'all', '--dry', '--diff']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('+import { getExecutionTracker, AgentExecutionPhase }');
    expect(dry.stdout).toContain('dry run:');
    expect(await readFile(join(dir, 'src/engine.ts'), 'utf8')).toBe(STATE_USER);
  });

  it('leaves a file it cannot parse as it is, reports it and exits 2; migrates the rest', async () => {
    const broken = "import { AgentStateTracker } from '@aet/legacy-shims';\nexport const = ;\n";
    const dir = await tempRepo({ 'src/engine.ts': STATE_USER, 'src/broken.ts': broken });
    const result = await aet(['migrate', dir, '--phase', 'all']);
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/failed src\/broken\.ts: cannot transform at 2:\d+/);
    expect(await readFile(join(dir, 'src/broken.ts'), 'utf8')).toBe(broken);
    expect(await readFile(join(dir, 'src/engine.ts'), 'utf8')).toContain('transitionState');
    const check = await aet(['check', dir]);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('not audited src/broken.ts');
  });

  it('migrates a repository whose legacy modules are its own files, named in aet.config.json', async () => {
    const dir = await tempRepo({
      'aet.config.json': JSON.stringify({
        legacyModules: [],
        legacyPathSuffixes: ['tracking/phase-tracker', 'tracking/timeouts'],
      }),
      'src/tracking/phase-tracker.ts':
        'export class AgentStateTracker {\n  transitionPhase(id: string, phase: string) { return Promise.resolve(id !== phase); }\n}\n',
      'src/tracking/timeouts.ts':
        'export function getTimeoutManager() { return { executeWithRetry: <T>(f: () => Promise<T>) => f() }; }\n',
      'src/engine.ts': `import { AgentStateTracker } from './tracking/phase-tracker.js';
import { getTimeoutManager } from './tracking/timeouts.js';

export class Engine {
  constructor(private readonly phases: AgentStateTracker = new AgentStateTracker()) {}

  async step(id: string) {
    await this.phases.transitionPhase(id, 'thinking');
    return getTimeoutManager().executeWithRetry(() => fetch('https://example.invalid'), 'fetch');
  }
}
`,
    });
    const audit = await aet(['audit', dir]);
    expect(audit.code).toBe(1);
    expect(audit.stdout).toContain('AET001');
    const migrated = await aet(['migrate', dir, '--phase', 'all']);
    expect(migrated.code, migrated.stderr).toBe(0);
    const engine = await readFile(join(dir, 'src/engine.ts'), 'utf8');
    expect(engine).toContain("from '@aet/tracker-core'");
    expect(engine).not.toContain('./tracking/');
    expect(engine).toContain("this.phases.transitionState(id, 'thinking', {");
    expect(engine).toContain(
      "getExecutionTracker().executeWithRetry(() => fetch('https://example.invalid'), {",
    );
    await commitAll(dir, 'migrated');
    expect(await aet(['check', dir])).toMatchObject({ code: 0 });
    const again = await aet(['migrate', dir, '--phase', 'all']);
    expect(again.code).toBe(0);
    expect(await status(dir)).toBe('');
  });

  it('stops on SIGINT between files: every file is either old or fully migrated', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 1_200; i++) files[`src/m${String(i).padStart(4, '0')}.ts`] = STATE_USER;
    const dir = await tempRepo(files);
    expect(await aet(['migrate', dir, '--phase', 'prepare'])).toMatchObject({ code: 0 });
    await commitAll(dir, 'prepare');
    const child = spawn(process.execPath, [aetBin, 'migrate', dir, '--phase', 'state'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      // The first progress line comes a quarter of the way through.
      if (stderr.includes('files') && !child.killed) child.kill('SIGINT');
    });
    const code = await exited;
    expect(code).toBe(130);
    expect(stderr).toContain('interrupted');
    const modules = async () =>
      Promise.all(
        (await readdir(join(dir, 'src')))
          .filter((name) => /^m\d+\.ts$/.test(name))
          .map((name) => readFile(join(dir, 'src', name), 'utf8')),
      );
    // A phase computes every file, type-checks, then writes: stopped before the writes, it
    // leaves every file as it was; stopped among them, each file is old or whole new.
    const contents = await modules();
    const migrated = contents.filter((text) => text !== STATE_USER);
    expect(migrated.length).toBeLessThan(contents.length);
    expect(new Set(migrated).size, 'every changed file is the whole new text').toBeLessThanOrEqual(
      1,
    );
    await commitAll(dir, 'partly');
    const rest = await aet(['migrate', dir, '--phase', 'state']);
    expect(rest.code).toBe(0);
    const after = new Set(await modules());
    expect(after.size).toBe(1);
    const [whole = ''] = after;
    expect(whole).toContain('transitionState');
    if (migrated.length > 0) expect(whole).toBe(migrated[0]);
  }, 120_000);
});
