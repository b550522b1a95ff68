import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { aet, run } from './tempRepo.js';

// What `npm run demo` does, as a test: the example backend migrated end to end in a copy inside
// the workspace (so the copy resolves the workspace's packages), then checked from outside.
const workspace = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const dir = join(workspace, '.aet-demo', `e2e-${process.pid}`);
const example = join(workspace, 'examples', 'legacy-chat-backend');
const tsx = join(workspace, 'node_modules', 'tsx', 'dist', 'cli.mjs');

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface DemoSummary {
  readonly violationsBefore: number;
  readonly violationsAfter: number;
  readonly phases: readonly { phase: string; markers: number }[];
  readonly checkPasses: boolean;
  readonly typecheckPasses: boolean;
  readonly testsPass: boolean;
  readonly tests: string;
}

async function git(...args: string[]): Promise<string> {
  return (await run('git', args, { cwd: dir, maxBuffer: 64 * 1024 * 1024 })).stdout;
}

describe('the demo migration of examples/legacy-chat-backend (end to end)', () => {
  it('migrates it phase by phase: typecheck and its own suite pass, the audit is clean, a rerun changes nothing', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [tsx, join(workspace, 'tools', 'scripts', 'demo.ts'), '--dir', dir, '--json'],
      { cwd: workspace, maxBuffer: 64 * 1024 * 1024 },
    );
    const summary = JSON.parse(stdout) as DemoSummary;
    expect(summary.violationsBefore).toBeGreaterThan(0);
    expect(summary.violationsAfter).toBe(0);
    expect(summary.typecheckPasses).toBe(true);
    expect(summary.testsPass, summary.tests).toBe(true);
    expect(summary.checkPasses).toBe(true);
    expect(summary.phases.map((p) => p.phase)).toEqual([
      'prepare',
      'state',
      'timeouts',
      'engines',
      'finalize',
    ]);
    // One commit per phase, on top of the copy.
    expect((await git('log', '--format=%s')).trim().split('\n')).toEqual([
      'aet migrate --phase finalize',
      'aet migrate --phase engines',
      'aet migrate --phase timeouts',
      'aet migrate --phase state',
      'aet migrate --phase prepare',
      'legacy-chat-backend, before the migration',
    ]);

    // No legacy import or dependency remains.
    const sources = (await git('ls-files')).trim().split('\n');
    for (const path of sources.filter((p) => /\.(c|m)?[jt]sx?$/.test(p))) {
      expect(await readFile(join(dir, path), 'utf8'), path).not.toMatch(
        /from '@aet\/legacy-shims|require\('@aet\/legacy-shims/,
      );
    }
    expect(await readFile(join(dir, 'package.json'), 'utf8')).not.toContain('@aet/legacy-shims');

    // Files without legacy usage are byte for byte what they were.
    const first = (await git('rev-list', '--max-parents=0', 'HEAD')).trim();
    const changed = new Set((await git('diff', '--name-only', first, 'HEAD')).trim().split('\n'));
    const legacyUse =
      /@aet\/legacy-shims|\/legacy\/index|uuid|randomUUID|Date\.now\(\)}|Promise\.race|new Map/;
    for (const path of sources) {
      const original = await readFile(join(example, path), 'utf8').catch(() => undefined);
      if (original === undefined) continue; // written by the migration (SSOT test, baseline)
      if (changed.has(path)) {
        expect(
          legacyUse.test(original) || path === 'package.json',
          `${path} changed but had no legacy usage`,
        ).toBe(true);
      } else {
        expect(await readFile(join(dir, path), 'utf8'), path).toBe(original);
      }
    }

    // A second run of every phase changes nothing, and the check agrees.
    const again = await aet(['migrate', dir, '--phase', 'all']);
    expect(again.code, again.stderr).toBe(0);
    expect(await git('status', '--porcelain')).toBe('');
    expect((await aet(['check', dir])).code).toBe(0);
  }, 240_000);
});
