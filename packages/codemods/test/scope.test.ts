import { cp, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { aet, removeTempRepos, run, tempRepo, workspaceRoot, commitAll } from './tempRepo.js';

afterEach(removeTempRepos);

async function status(dir: string): Promise<string> {
  return (await run('git', ['status', '--porcelain'], { cwd: dir })).stdout;
}

// Real third-party code that never used the legacy API: run ids from randomUUID, Promise.race
// timeouts, private maps of running tasks, ambient declaration files.
const THIRD_PARTY = [
  'nx/package.json',
  'nx/src/executors',
  'nx/src/tasks-runner',
  'ws/package.json',
  'ws/lib',
  'ioredis/package.json',
  'ioredis/built',
  'jscodeshift/package.json',
  'jscodeshift/src',
];

const AMBIENT = `declare module 'legacy-untyped' {
  export function randomUUID(): string;
  const runId: string;
  export = runId;
}
declare global {
  interface Window { executionId: string }
}
export as namespace Untyped;
`;

describe('the scope of aet', () => {
  it('changes nothing in a tree of real third-party code, and says there is nothing to migrate', async () => {
    const dir = await tempRepo({ 'types/ambient.d.ts': AMBIENT, 'package.json': '{"name":"sdk"}' });
    for (const part of THIRD_PARTY)
      await cp(join(workspaceRoot, 'node_modules', part), join(dir, 'vendor', part), {
        recursive: true,
      });
    await commitAll(dir, 'vendored SDKs');
    const files = await readdir(join(dir, 'vendor'), { recursive: true });
    expect(files.length).toBeGreaterThan(300);

    const audit = await aet(['audit', dir]);
    expect(audit.stdout).toMatch(/^0 violations, 0 follow-ups in 0 files; .*failed 0/m);
    expect(audit.code).toBe(0);

    const migrate = await aet(['migrate', dir, '--phase', 'all']);
    expect(migrate.stdout).toContain('nothing to migrate: no file uses the legacy API');
    expect(migrate.code).toBe(0);
    expect(await status(dir)).toBe('');
  });

  it('finds hand-minted ids only in the packages of a monorepo that use the SSOT or the legacy API', async () => {
    const mint = `import { randomUUID } from 'node:crypto';\nexport function nextRun(): { runId: string } {\n  const runId = randomUUID();\n  return { runId };\n}\n`;
    const dir = await tempRepo({
      'package.json': JSON.stringify({ private: true, workspaces: ['packages/*'] }),
      'packages/agents/package.json': JSON.stringify({
        name: '@acme/agents',
        dependencies: { '@aet/legacy-shims': '0.1.0' },
      }),
      'packages/agents/src/runs.ts': mint,
      'packages/agents/src/engine.ts': `import { AgentStateTracker } from '@aet/legacy-shims/agent-state-tracker';\nexport const phases = new AgentStateTracker();\n`,
      'packages/jobs/package.json': JSON.stringify({ name: '@acme/jobs' }),
      'packages/jobs/src/runs.ts': mint,
    });
    const audit = await aet(['audit', dir, '--format', 'json']);
    const report = JSON.parse(audit.stdout) as { violations: { ruleId: string; path: string }[] };
    expect(report.violations.filter((v) => v.ruleId === 'AET005').map((v) => v.path)).toEqual([
      'packages/agents/src/runs.ts',
    ]);

    const migrate = await aet(['migrate', dir, '--phase', 'all', '--no-typecheck']);
    expect(migrate.code, migrate.stdout + migrate.stderr).toBe(0);
    expect(await readFile(join(dir, 'packages/jobs/src/runs.ts'), 'utf8')).toBe(mint);
    expect(await readFile(join(dir, 'packages/agents/src/runs.ts'), 'utf8')).toContain(
      'UnifiedIDManager',
    );
  });
});
