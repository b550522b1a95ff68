import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'aet.js');

function aet(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { maxBuffer: 256 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
      },
    );
  });
}

interface JsonReport {
  summary: { scanned: number; parsed: number; violations: number };
  violations: { path: string; line: number; ruleId: string }[];
  files: { path: string; status: string }[];
}

let root = '';
const FILES = 50_000;

beforeAll(async () => {
  // A 50,000-file tree (not a git repository), one file in a hundred with a legacy import.
  root = await mkdtemp(join(tmpdir(), 'aet-scale-'));
  for (let d = 0; d < 100; d++) {
    await mkdir(join(root, 'src', `d${d}`), { recursive: true });
    await Promise.all(
      Array.from({ length: FILES / 100 }, (_, i) =>
        writeFile(
          join(root, 'src', `d${d}`, `f${i}.ts`),
          `${i % 100 === 0 ? "import { AgentStateTracker } from '@aet/legacy-shims';\n" : ''}export const v${i} = ${i};\n`,
        ),
      ),
    );
  }
}, 120_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('aet audit at scale', () => {
  it('audits a 50,000-file tree, with plain progress lines when not on a terminal', async () => {
    const reportPath = join(root, '..', `${root.split('/').pop() ?? 'x'}-report.json`);
    const result = await aet([
      'audit',
      root,
      '--format',
      'json',
      '--jobs',
      '2',
      '--report',
      reportPath,
    ]);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.summary).toMatchObject({ scanned: FILES, parsed: 500, violations: 500 });
    expect(result.stderr).toContain(`aet audit: ${FILES}/${FILES} files`);
    expect(result.stderr.match(/aet audit: \d+\/50000 files/g)).toHaveLength(4);
    const written = JSON.parse(await readFile(reportPath, 'utf8')) as JsonReport;
    expect(written.files).toHaveLength(FILES);
    await rm(reportPath, { force: true });
  }, 180_000);

  it('finds exactly the same with one process as with worker processes', async () => {
    const [one, two] = await Promise.all([
      aet(['audit', root, '--format', 'json', '--jobs', '1']),
      aet(['audit', root, '--format', 'json', '--jobs', '2']),
    ]);
    const a = JSON.parse(one.stdout) as JsonReport;
    const b = JSON.parse(two.stdout) as JsonReport;
    expect(b.violations).toEqual(a.violations);
    expect(b.files).toEqual(a.files);
  }, 180_000);

  it('rejects a bad --jobs', async () => {
    const result = await aet(['audit', root, '--jobs', '0']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--jobs must be a whole number >= 1, got "0"');
  });
});
