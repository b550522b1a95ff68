import { access } from 'node:fs/promises';
import { join, posix } from 'node:path';

/** The baseline audit report the prepare phase writes, relative to the root. */
export const BASELINE_FILE = 'aet-baseline.json';

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/**
 * Where the SSOT test goes: the repository's `test/` or `tests/` folder, else `src/`, else the
 * root; TypeScript when the repository has a `tsconfig.json` (or an Nx `tsconfig.base.json`),
 * else an ES module.
 */
export async function ssotTestPath(root: string): Promise<string> {
  return ssotTestPathWith((path) => exists(join(root, path)));
}

/** {@link ssotTestPath} for any file system (an Nx `Tree`): `exists` takes root-relative paths. */
export async function ssotTestPathWith(
  exists: (path: string) => boolean | Promise<boolean>,
): Promise<string> {
  const typescript = (await exists('tsconfig.json')) || (await exists('tsconfig.base.json'));
  const name = typescript ? 'aet-ssot.test.ts' : 'aet-ssot.test.mjs';
  for (const folder of ['test', 'tests', 'src']) {
    if (await exists(folder)) return posix.join(folder, name);
  }
  return name;
}

/** The SSOT test: the audit as a vitest suite, a ratchet on the baseline until finalize. */
export function ssotTestSource(testPath: string): string {
  const depth = testPath.split('/').length - 1;
  const up = depth === 0 ? './' : '../'.repeat(depth);
  return `// The AgentExecutionTracker SSOT audit as a test, written by \`aet migrate --phase prepare\`.
import { fileURLToPath } from 'node:url';
import { describeSsotCompliance } from '@aet/test-kit';

// Ratchet until \`aet migrate --phase finalize\`: fails only on violations ${BASELINE_FILE} does not list.
describeSsotCompliance(fileURLToPath(new URL('${up}', import.meta.url)), {
  baseline: fileURLToPath(new URL('${up}${BASELINE_FILE}', import.meta.url)),
});
`;
}

/** Whether the prepare phase has run: the baseline and the SSOT test exist. */
export async function prepareDone(root: string): Promise<boolean> {
  return (await exists(join(root, BASELINE_FILE))) && exists(join(root, await ssotTestPath(root)));
}
