import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { aet, CONSUMER_TSCONFIG, removeTempRepos, run, workspaceRepo } from './tempRepo.js';

afterEach(removeTempRepos);

// Legacy receivers a file cannot name: a field of a dependency object typed in another module,
// and a getter. Only the consumer's type checker sees that they are AgentStateTrackers.
const DEPS = `import type { AgentStateTracker } from '@aet/legacy-shims/agent-state-tracker';

export interface Deps {
  readonly states: AgentStateTracker;
}
`;

const ENGINE = `import { AgentExecutionPhase } from '@aet/legacy-shims/agent-state-tracker';
import type { Deps } from './deps.js';

export async function think(deps: Deps, id: string): Promise<void> {
  await deps.states.transitionPhase(id, AgentExecutionPhase.THINKING);
}
`;

const SERVICE = `import { AgentStateTracker } from '@aet/legacy-shims/agent-state-tracker';

export class Service {
  constructor(private readonly inner: AgentStateTracker) {}

  get tracker(): AgentStateTracker {
    return this.inner;
  }

  finish(id: string): void {
    this.tracker.completeExecution(id, true);
  }
}
`;

describe('legacy receivers found by the type checker', () => {
  it('rewrites calls on a dependency typed in another module and on a getter', async () => {
    const dir = await workspaceRepo('typed', {
      'package.json': JSON.stringify({
        name: 'typed-consumer',
        private: true,
        type: 'module',
        dependencies: { '@aet/legacy-shims': '0.1.0' },
      }),
      'tsconfig.json': CONSUMER_TSCONFIG,
      'src/deps.ts': DEPS,
      'src/engine.ts': ENGINE,
      'src/service.ts': SERVICE,
    });
    const result = await aet(['migrate', dir, '--phase', 'all']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const engine = await readFile(join(dir, 'src/engine.ts'), 'utf8');
    expect(engine).toContain('deps.states.transitionState(id, AgentExecutionPhase.THINKING');
    const service = await readFile(join(dir, 'src/service.ts'), 'utf8');
    expect(service).toContain('this.tracker.completeExecution(id)');
    expect(service).toContain('this.tracker.cleanupState(id)');
    for (const file of ['src/deps.ts', 'src/engine.ts', 'src/service.ts'])
      expect(await readFile(join(dir, file), 'utf8'), file).not.toContain('legacy-shims');
    const tsc = join(dir, '..', '..', 'node_modules', 'typescript', 'bin', 'tsc');
    await expect(
      run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: dir }),
    ).resolves.toMatchObject({
      stdout: '',
    });
  });
});
