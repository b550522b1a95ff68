import { symlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { removeTempRepos, run, tempRepo } from './tempRepo.js';

const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'aet.js');
afterEach(removeTempRepos);

const repo = tempRepo;

async function aet(
  args: string[],
  cwd?: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { cwd });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const LEGACY =
  "import { AgentStateTracker } from '@aet/legacy-shims/agent-state-tracker';\nexport const t = new AgentStateTracker();\n";
const CLEAN =
  "import { getExecutionTracker } from '@aet/tracker-core';\nexport const t = getExecutionTracker();\n";

describe('aet audit (child process, real git repositories)', () => {
  it('exits 1 and lists violations by rule and file', async () => {
    const dir = await repo({ 'src/engine.ts': LEGACY, 'src/ok.ts': CLEAN });
    const result = await aet(['audit', dir]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('AET001 legacy-state-tracker-import (violation, 1)');
    expect(result.stdout).toContain(
      'src/engine.ts\n    1:1  import of "@aet/legacy-shims/agent-state-tracker"',
    );
    expect(result.stdout).toMatch(/1 violation, 0 follow-ups in 1 file; scanned 2, parsed 1/);
  });

  it('exits 0 on a clean repository, and audits . by default', async () => {
    const dir = await repo({ 'src/ok.ts': CLEAN, 'README.md': 'AgentStateTracker is gone' });
    const result = await aet(['audit'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Clean: no SSOT violations.');
  });

  it('counts follow-ups only with --fail-on warning', async () => {
    const dir = await repo({ 'src/e.ts': '// TODO(aet): pass the real user\nexport {};\n' });
    expect((await aet(['audit', dir])).code).toBe(0);
    expect((await aet(['audit', dir, '--fail-on', 'warning'])).code).toBe(1);
  });

  it('writes JSON with one row per file, and SARIF 2.1.0', async () => {
    const dir = await repo({ 'src/engine.ts': LEGACY, 'src/ok.ts': CLEAN });
    const json = JSON.parse((await aet(['audit', dir, '--format', 'json'])).stdout) as {
      summary: { violations: number; scanned: number };
      files: { path: string; status: string }[];
      violations: { ruleId: string; line: number }[];
    };
    expect(json.summary).toMatchObject({ violations: 1, scanned: 2 });
    expect(json.files).toEqual([
      { path: 'src/engine.ts', status: 'matched', parsed: true, findings: 1 },
      { path: 'src/ok.ts', status: 'clean', parsed: false, findings: 0 },
    ]);
    const sarif = JSON.parse((await aet(['audit', dir, '--format', 'sarif'])).stdout) as {
      version: string;
      runs: {
        tool: { driver: { name: string; rules: { id: string }[] } };
        results: Record<string, unknown>[];
      }[];
    };
    expect(sarif.version).toBe('2.1.0');
    const [sarifRun] = sarif.runs;
    expect(sarifRun?.tool.driver.name).toBe('aet');
    expect(sarifRun?.tool.driver.rules.map((r) => r.id)).toContain('AET005');
    expect(sarifRun?.results[0]).toMatchObject({
      ruleId: 'AET001',
      level: 'error',
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'src/engine.ts', uriBaseId: 'SRCROOT' },
            region: { startLine: 1, startColumn: 1 },
          },
        },
      ],
    });
  });

  it('honours .gitignore and the config ignore globs, and never leaves the root through symlinks', async () => {
    const outside = await repo({ 'secret.ts': LEGACY }, { git: false });
    const dir = await repo({
      '.gitignore': 'generated/\n',
      'generated/legacy.ts': LEGACY,
      'vendor/legacy.ts': LEGACY,
      'aet.config.json': JSON.stringify({ ignore: ['vendor/**'] }),
      'src/ok.ts': CLEAN,
    });
    await symlink(join(outside, 'secret.ts'), join(dir, 'src', 'escape.ts'));
    const json = JSON.parse((await aet(['audit', dir, '--format', 'json'])).stdout) as {
      summary: { violations: number; skipped: number };
      files: { path: string; status: string; reason?: string }[];
    };
    expect(json.summary.violations).toBe(0);
    expect(json.files.map((f) => f.path)).toEqual(['src/escape.ts', 'src/ok.ts']);
    expect(json.files[0]).toMatchObject({
      status: 'skipped',
      reason: 'symbolic link that leads outside the root',
    });
  });

  it('skips binary files and files over 1 MiB with a reason, and reports parse failures with line and column', async () => {
    const dir = await repo({
      'src/blob.js': Buffer.from([0x41, 0x00, 0x42, 0x00]),
      'src/huge.ts': `${LEGACY}${'// padding\n'.repeat(110_000)}`,
      'src/broken.ts': "import { AgentStateTracker } from '@aet/legacy-shims';\nconst = ;\n",
      'src/ok.ts': CLEAN,
    });
    const result = await aet(['audit', dir]);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('FAILED  src/broken.ts:2:7  cannot parse');
    expect(result.stdout).toContain('skipped src/blob.js  binary file');
    expect(result.stdout).toMatch(/skipped src\/huge\.ts {2}larger than 1 MiB/);
    expect(result.stdout).toContain('No violations found, but the audit is incomplete.');
  });

  it('audits a folder that is not a git repository, reading its .gitignore', async () => {
    const dir = await repo(
      { '.gitignore': 'out/\n', 'out/x.ts': LEGACY, 'src/y.ts': LEGACY },
      { git: false },
    );
    const json = JSON.parse((await aet(['audit', dir, '--format', 'json'])).stdout) as {
      git: boolean;
      files: { path: string }[];
    };
    expect(json.git).toBe(false);
    expect(json.files.map((f) => f.path)).toEqual(['src/y.ts']);
  });

  it('exits 2 with a clear message for a missing path, a file, a bad config or bad options', async () => {
    const dir = await repo({
      'src/ok.ts': CLEAN,
      'aet.config.json': JSON.stringify({ legacyModules: 'x', extra: 1 }),
    });
    const missing = await aet(['audit', join(dir, 'nope')]);
    expect(missing).toMatchObject({ code: 2 });
    expect(missing.stderr).toContain('no such directory');
    const file = await aet(['audit', join(dir, 'src', 'ok.ts')]);
    expect(file.stderr).toContain('not a directory');
    const config = await aet(['audit', dir]);
    expect(config.code).toBe(2);
    expect(config.stderr).toContain('invalid aet.config.json');
    expect(config.stderr).toContain('unknown key "extra"');
    expect(config.stderr).toMatch(/legacyModules: .*got "x"/);
    expect((await aet(['audit', '--format', 'xml'])).stderr).toContain(
      '--format must be table, json or sarif, got "xml"',
    );
    expect((await aet(['migrate'])).stderr).toContain(
      'migrate needs --phase with one of prepare, state',
    );
    expect((await aet(['frobnicate'])).code).toBe(2);
  });

  it('prints help and version', async () => {
    const help = await aet(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('aet migrate [path] --phase');
    expect((await aet(['--version'])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
