import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const vitestBin = join(
  dirname(createRequire(import.meta.url).resolve('vitest/package.json')),
  'vitest.mjs',
);

/** Runs vitest in a child process on one fixture suite under test/fixtures; resolves with its exit code and output. */
export function runFixtureSuite(
  file: string,
  env: Record<string, string> = {},
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [
        vitestBin,
        'run',
        '--config',
        'test/fixtures/vitest.fixtures.config.ts',
        '--reporter',
        'verbose',
        file,
      ],
      { cwd: packageRoot, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...env } },
      (error, stdout, stderr) => {
        resolve({ code: error ? (error.code as number | null) : 0, output: stdout + stderr });
      },
    );
  });
}
