// A generated corpus of realistic TypeScript files for the audit benchmark: services, utilities
// and React-free components of 80-200 lines, with a given share importing the legacy APIs.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

function lcg(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 48271) % 2147483647) / 2147483647;
}

function plainModule(index: number, random: () => number): string {
  const lines = [
    `import { readFile } from 'node:fs/promises';`,
    `import type { Request, Response } from './types${index % 17}.js';`,
    '',
    `export interface Item${index} {`,
    '  readonly id: string;',
    '  readonly count: number;',
    '  readonly tags: readonly string[];',
    '}',
    '',
  ];
  const functions = 4 + Math.floor(random() * 8);
  for (let f = 0; f < functions; f++) {
    lines.push(
      `/** Handles case ${f} of module ${index}. */`,
      `export async function handle${f}(request: Request, items: Item${index}[]): Promise<Response> {`,
      `  const selected = items.filter((item) => item.count > ${f} && item.tags.includes('t${f}'));`,
      '  const total = selected.reduce((sum, item) => sum + item.count, 0);',
      `  if (total > ${f * 10}) {`,
      `    const text = await readFile(request.path, 'utf8');`,
      '    return { status: 200, body: JSON.stringify({ total, length: text.length }) };',
      '  }',
      '  for (const item of selected) {',
      '    if (item.id.startsWith(request.prefix)) return { status: 404, body: item.id };',
      '  }',
      '  return { status: 204, body: "" };',
      '}',
      '',
    );
  }
  lines.push(
    `export class Service${index} {`,
    '  private readonly cache = new Set<string>();',
    '  remember(key: string): boolean {',
    '    const seen = this.cache.has(key);',
    '    this.cache.add(key);',
    '    return seen;',
    '  }',
    '}',
  );
  return lines.join('\n');
}

function legacyModule(index: number, random: () => number): string {
  return [
    `import { AgentStateTracker } from '@aet/legacy-shims/agent-state-tracker';`,
    `import { getTimeoutManager } from '@aet/legacy-shims/execution-timeout-manager';`,
    `import { v4 as uuidv4 } from 'uuid';`,
    '',
    plainModule(index, random),
    '',
    `export class LegacyEngine${index} {`,
    '  private readonly phases = new AgentStateTracker();',
    '  async run(agentName: string, userId: string): Promise<string> {',
    '    const runId = uuidv4();',
    '    const id = this.phases.startExecution(agentName, runId, userId);',
    "    await getTimeoutManager().executeAgentWithTimeout(() => Promise.resolve('ok'), agentName, runId);",
    '    this.phases.completeExecution(id);',
    '    return id;',
    '  }',
    '}',
  ].join('\n');
}

/** Writes `count` files under `root/src`, `legacyShare` of them with legacy usage; returns their paths. */
export async function writeCorpus(
  root: string,
  count: number,
  legacyShare: number,
): Promise<{ all: string[]; legacy: string[] }> {
  const random = lcg(20261125);
  const all: string[] = [];
  const legacy: string[] = [];
  const every = Math.round(1 / legacyShare);
  for (let i = 0; i < count; i++) {
    const dir = join('src', `area${i % 40}`);
    const path = join(dir, `module${i}.ts`);
    await mkdir(join(root, dir), { recursive: true });
    const isLegacy = i % every === 0;
    await writeFile(join(root, path), isLegacy ? legacyModule(i, random) : plainModule(i, random));
    all.push(path);
    if (isLegacy) legacy.push(path);
  }
  return { all, legacy };
}
