import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing.js';
import type { Tree } from '@nx/devkit';
import { describe, expect, it } from 'vitest';
import prepare from '../src/nx/migrations/prepare.js';
import state from '../src/nx/migrations/state.js';
import timeouts from '../src/nx/migrations/timeouts.js';
import engines from '../src/nx/migrations/engines.js';
import finalize from '../src/nx/migrations/finalize.js';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

const ENGINE = `import { AgentStateTracker } from '@aet/legacy-shims/agent-state-tracker';
import { getTimeoutManager } from '@aet/legacy-shims/execution-timeout-manager';
import { v4 as uuidv4 } from 'uuid';

const phases = new AgentStateTracker();

export async function run(id: string, work: () => Promise<string>) {
  const runId = uuidv4();
  await phases.transitionPhase(id, 'thinking');
  return { runId, answer: await getTimeoutManager().executeWithRetry(work, 'answer') };
}
`;

function workspace(): Tree {
  const tree = createTreeWithEmptyWorkspace();
  tree.write(
    'package.json',
    JSON.stringify({ name: 'consumer', dependencies: { '@aet/legacy-shims': '0.1.0' } }),
  );
  tree.write('apps/api/src/engine.ts', ENGINE);
  tree.write('apps/api/src/plain.ts', 'export const plain   = 1;\n');
  return tree;
}

describe('Nx migrations (on a devkit Tree)', () => {
  it('has one migrations.json entry per phase, each pointing at its compiled implementation', () => {
    const manifest = JSON.parse(readFileSync(join(packageRoot, 'migrations.json'), 'utf8')) as {
      migrations: Record<string, { implementation: string; version: string }>;
    };
    expect(Object.keys(manifest.migrations)).toEqual([
      'aet-prepare',
      'aet-state',
      'aet-timeouts',
      'aet-engines',
      'aet-finalize',
    ]);
    for (const [name, entry] of Object.entries(manifest.migrations)) {
      expect(entry.implementation).toBe(`./dist/nx/migrations/${name.slice(4)}.js`);
    }
    const packageJson = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as {
      'nx-migrations': { migrations: string };
    };
    expect(packageJson['nx-migrations'].migrations).toBe('./migrations.json');
  });

  it('migrates the tree phase by phase, in order, and leaves other files alone', async () => {
    const tree = workspace();
    await expect(state(tree)).rejects.toThrow('phase "prepare" has not run');
    expect(await prepare(tree)).toEqual([
      expect.stringContaining('baseline of 3 violations in aet-baseline.json'),
    ]);
    expect(tree.read('aet-ssot.test.ts', 'utf-8')).toContain('describeSsotCompliance');
    await expect(timeouts(tree)).rejects.toThrow('phase "state" has not run');
    await state(tree);
    await timeouts(tree);
    const steps = await engines(tree);
    expect(steps).toEqual([]);
    await finalize(tree);
    const engine = tree.read('apps/api/src/engine.ts', 'utf-8') ?? '';
    expect(engine).not.toContain('@aet/legacy-shims');
    expect(engine).toContain('UnifiedIDManager.generateRunId()');
    // Compared without whitespace: a workspace with Prettier gets the rewrites formatted by it.
    const compact = engine.replace(/\s+/g, '');
    expect(compact).toMatch(/phases\.transitionState\(id,'thinking',\{policy:'warn',?\}\);/);
    expect(compact).toMatch(
      /getExecutionTracker\(\)\.executeWithRetry\(\(\)=>work\(\),\{operation:'answer',?\}\)/,
    );
    expect(tree.read('apps/api/src/plain.ts', 'utf-8')).toBe('export const plain   = 1;\n');
    const packageJson = JSON.parse(tree.read('package.json', 'utf-8') ?? '{}') as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    expect(packageJson.dependencies).toEqual({ '@aet/tracker-core': '0.1.0' });
    expect(packageJson.devDependencies).toEqual({ '@aet/test-kit': '0.1.0' });
    expect(tree.read('aet-ssot.test.ts', 'utf-8')).not.toContain('baseline');
    // Run again, nothing changes.
    const before = tree.listChanges().map((change) => [change.path, change.content?.toString()]);
    await finalize(tree);
    await engines(tree);
    expect(tree.listChanges().map((change) => [change.path, change.content?.toString()])).toEqual(
      before,
    );
  });

  it('reports the markers it leaves as next steps', async () => {
    const tree = workspace();
    tree.write(
      'apps/api/src/spread.ts',
      "import { getAgentStateTracker } from '@aet/legacy-shims';\nexport const go = (args: [string, 'thinking']) => getAgentStateTracker().transitionPhase(...args);\n",
    );
    await prepare(tree);
    const steps = await state(tree);
    expect(steps).toEqual([
      expect.stringMatching(
        /^apps\/api\/src\/spread\.ts:\d+ TODO\(aet\): the arguments are spread: map them to the tracker call by hand$/,
      ),
    ]);
  });
});
