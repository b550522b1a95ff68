import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const vitestBin = join(
  dirname(createRequire(import.meta.url).resolve('vitest/package.json')),
  'vitest.mjs',
);

describe('describeExecutionStoreConformance', () => {
  it('fails for a store that loses writes, naming the broken case', async () => {
    const result = await new Promise<{ code: number | null; output: string }>((resolve) => {
      execFile(
        process.execPath,
        [
          vitestBin,
          'run',
          '--config',
          'test/fixtures/vitest.fixtures.config.ts',
          '--reporter',
          'verbose',
        ],
        { cwd: packageRoot, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } },
        (error, stdout, stderr) => {
          resolve({ code: error ? (error.code as number | null) : 0, output: stdout + stderr });
        },
      );
    });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('applies every write of a large batch');
    expect(result.output).toMatch(/ExecutionStore conformance: LossyStore/);
  }, 60_000);
});
