import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runFixtureSuite } from './fixtureRun.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function repo(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'aet-ssot-'));
  dirs.push(dir);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

describe('describeSsotCompliance', () => {
  it('fails while violations remain, listing each with rule, file, line and column', async () => {
    const dir = await repo({
      'src/engine.ts':
        "import { AgentStateTracker } from '@aet/legacy-shims/agent-state-tracker';\nexport const t = new AgentStateTracker();\n",
    });
    const result = await runFixtureSuite('test/fixtures/repo.compliance.ts', {
      AET_FIXTURE_REPO: dir,
    });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('has no SSOT violations');
    expect(result.output).toContain('AET001 src/engine.ts:1:1');
  }, 60_000);

  it('passes for a migrated repository, and fails on follow-ups only when asked', async () => {
    const dir = await repo({
      'src/engine.ts':
        "import { getExecutionTracker } from '@aet/tracker-core';\n// TODO(aet): pass the real user id\nexport const t = getExecutionTracker();\n",
    });
    expect(
      (await runFixtureSuite('test/fixtures/repo.compliance.ts', { AET_FIXTURE_REPO: dir })).code,
    ).toBe(0);
    const strict = await runFixtureSuite('test/fixtures/repo.compliance.ts', {
      AET_FIXTURE_REPO: dir,
      AET_FIXTURE_FAIL_ON: 'warning',
    });
    expect(strict.code).not.toBe(0);
    expect(strict.output).toContain('AET190 src/engine.ts:2:4');
  }, 60_000);

  it('with a baseline, passes on the violations it lists and fails on any new one', async () => {
    const legacy =
      "import { AgentStateTracker } from '@aet/legacy-shims/agent-state-tracker';\nexport const t = new AgentStateTracker();\n";
    const dir = await repo({ 'src/engine.ts': legacy });
    const baseline = join(dir, 'aet-baseline.json');
    await writeFile(
      baseline,
      JSON.stringify({ violations: [{ ruleId: 'AET001', path: 'src/engine.ts', line: 1 }] }),
    );
    const env = { AET_FIXTURE_REPO: dir, AET_FIXTURE_BASELINE: baseline };
    const ratchet = await runFixtureSuite('test/fixtures/repo.compliance.ts', env);
    expect(ratchet.output).toContain('has no SSOT violations beyond the baseline');
    expect(ratchet.code).toBe(0);

    await writeFile(join(dir, 'src/other.ts'), legacy);
    const regressed = await runFixtureSuite('test/fixtures/repo.compliance.ts', env);
    expect(regressed.code).not.toBe(0);
    expect(regressed.output).toContain('AET001 src/other.ts:1:1');
    expect(regressed.output).not.toContain('AET001 src/engine.ts:1:1');
  }, 60_000);

  it('says how to write the baseline when it is missing or not an audit report', async () => {
    const dir = await repo({ 'src/a.ts': 'export const a = 1;\n' });
    const missing = await runFixtureSuite('test/fixtures/repo.compliance.ts', {
      AET_FIXTURE_REPO: dir,
      AET_FIXTURE_BASELINE: join(dir, 'nope.json'),
    });
    expect(missing.code).not.toBe(0);
    expect(missing.output).toContain('write it with aet migrate --phase prepare');
    await writeFile(join(dir, 'bad.json'), '{"violations": 3}');
    const bad = await runFixtureSuite('test/fixtures/repo.compliance.ts', {
      AET_FIXTURE_REPO: dir,
      AET_FIXTURE_BASELINE: join(dir, 'bad.json'),
    });
    expect(bad.code).not.toBe(0);
    expect(bad.output).toContain('is not an aet audit JSON report');
  }, 60_000);
});
