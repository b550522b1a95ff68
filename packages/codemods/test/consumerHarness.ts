import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { expect } from 'vitest';
import type { ScenarioEvent } from './consumerScenario.js';
import { aet, commitAll, run, workspaceRoot } from './tempRepo.js';

const consumers = join(workspaceRoot, 'packages', 'codemods', 'test', 'consumers');
const bin = (...path: string[]): string => join(workspaceRoot, 'node_modules', ...path);
const PHASES = ['prepare', 'state', 'timeouts', 'engines', 'finalize'] as const;

interface Outcome {
  readonly code: number;
  readonly out: string;
}

async function node(args: readonly string[], cwd: string): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(process.execPath, args, {
      cwd,
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, NODE_NO_WARNINGS: '1', CI: 'true' },
    });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

/** `tsc -p tsconfig.json` in the consumer: its diagnostics, one per line. */
async function typecheck(dir: string): Promise<Outcome> {
  return node([bin('typescript', 'bin', 'tsc'), '-p', 'tsconfig.json', '--noEmit'], dir);
}

/** The consumer's own vitest suite. */
async function testSuite(dir: string): Promise<Outcome> {
  return node([bin('vitest', 'vitest.mjs'), 'run', '--reporter=dot'], dir);
}

/** The critical events its scenario makes the process's tracker emit. */
async function scenarioEvents(dir: string): Promise<ScenarioEvent[]> {
  const scenario = (await readdir(dir)).find((name) => /^scenario\.(ts|mjs|cjs|js)$/.test(name));
  if (scenario === undefined) throw new Error(`${dir} has no scenario file`);
  const outcome = await node(
    [
      bin('tsx', 'dist', 'cli.mjs'),
      '--conditions=@aet/source',
      join(workspaceRoot, 'packages', 'codemods', 'test', 'consumerScenario.ts'),
      scenario,
    ],
    dir,
  );
  expect(outcome.code, outcome.out).toBe(0);
  const last = outcome.out.trim().split('\n').at(-1) ?? '[]';
  return JSON.parse(last) as ScenarioEvent[];
}

async function git(dir: string, ...args: string[]): Promise<string> {
  return (await run('git', args, { cwd: dir, maxBuffer: 64 * 1024 * 1024 })).stdout;
}

/** Every file of the repository (tracked), with its text. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = (await git(dir, 'ls-files')).split('\n').filter((line) => line !== '');
  return new Map(
    await Promise.all(
      files.map(async (file) => [file, await readFile(join(dir, file), 'utf8')] as const),
    ),
  );
}

/**
 * The files with no legacy usage: they do not name the legacy modules, and import (at any depth,
 * by relative path) nothing that does. The migration must leave each of them byte for byte.
 */
export function filesWithoutLegacyUsage(files: ReadonlyMap<string, string>): string[] {
  const sources = [...files.keys()].filter((file) => /\.(c|m)?[jt]sx?$/.test(file));
  const legacy = new Set(sources.filter((file) => files.get(file)?.includes('legacy-shims')));
  let grew = true;
  while (grew) {
    grew = false;
    for (const file of sources) {
      if (legacy.has(file)) continue;
      const imports = [
        ...(files.get(file) ?? '').matchAll(/(?:from|import\(|require\()\s*'(\.[^']+)'/g),
      ];
      const reaches = imports.some(([, specifier = '']) => {
        const target = join(file, '..', specifier).replace(/\.(c|m)?js$/, '');
        return [...legacy].some((candidate) => candidate.replace(/\.(c|m)?[jt]s$/, '') === target);
      });
      if (reaches) {
        legacy.add(file);
        grew = true;
      }
    }
  }
  return sources.filter((file) => !legacy.has(file) && !file.endsWith('.test.ts'));
}

/** The parts of `aet migrate --report` the checks read. */
interface MigrationReport {
  readonly files: readonly { readonly path: string; readonly status: string }[];
  readonly phases: readonly { readonly files: readonly { readonly path: string }[] }[];
}

/** What a consumer's migration did, phase by phase, for the test to report. */
export interface ConsumerMigration {
  readonly dir: string;
  readonly phaseOutput: Record<string, string>;
  readonly eventsBefore: ScenarioEvent[];
  readonly eventsAfter: ScenarioEvent[];
  readonly audit: { readonly code: number; readonly stdout: string };
  readonly legacyImports: string[];
}

/**
 * Copies consumer `name` into a fresh git repository inside the workspace, checks that its
 * suite passes on the shims, then runs each phase with `aet migrate` and checks after every
 * one: no new tsc diagnostic, its suite passes, the files the phase did not change and the files
 * without legacy usage are byte for byte as they were, and a second run of the phase changes
 * nothing. Returns what the end checks need.
 */
export async function migrateConsumer(name: string): Promise<ConsumerMigration> {
  const dir = await mkdtemp(join(workspaceRoot, '.aet-demo', `consumer-${name}-`));
  {
    await cp(join(consumers, name), dir, { recursive: true });
    await writeFile(join(dir, '.gitignore'), 'node_modules/\n');
    await run('git', ['init', '-q'], { cwd: dir });
    await commitAll(dir, 'the consumer, on the legacy shims');
    const original = await snapshot(dir);
    const untouchable = filesWithoutLegacyUsage(original);
    expect(untouchable.length, 'files without legacy usage').toBeGreaterThan(0);

    const tscBefore = await typecheck(dir);
    expect(tscBefore, 'tsc before the migration').toMatchObject({ code: 0 });
    const suiteBefore = await testSuite(dir);
    expect(suiteBefore.code, `its suite on the shims:\n${suiteBefore.out}`).toBe(0);
    const eventsBefore = await scenarioEvents(dir);
    expect(eventsBefore.length, 'critical events of the scenario').toBeGreaterThan(0);

    const phaseOutput: Record<string, string> = {};
    for (const phase of PHASES) {
      const reportFile = join(dir, '..', `${basename(dir)}-${phase}.json`);
      const migrated = await aet(['migrate', '.', '--phase', phase, '--report', reportFile], dir);
      const said = migrated.stdout + migrated.stderr;
      const report = JSON.parse(await readFile(reportFile, 'utf8')) as MigrationReport;
      await rm(reportFile);
      const reported = new Set([
        ...report.files.filter((row) => row.status === 'changed').map((row) => row.path),
        ...report.phases.flatMap((entry) => entry.files.map((file) => file.path)),
      ]);
      phaseOutput[phase] = said;
      // 2 is allowed only for rewrites the compile gate left out, never for a failed file.
      expect(said, `${phase}: a file failed`).not.toMatch(/^failed /m);
      expect([0, 2], `${phase} exit code:\n${said}`).toContain(migrated.code);
      const tsc = await typecheck(dir);
      expect(tsc.out, `tsc after ${phase}`).toBe('');
      const suite = await testSuite(dir);
      expect(suite.code, `its suite after ${phase}:\n${suite.out}\n${said}`).toBe(0);
      const after = await snapshot(dir);
      for (const file of untouchable)
        expect(after.get(file), `${file} has no legacy usage (after ${phase})`).toBe(
          original.get(file),
        );
      const changed = (await git(dir, 'status', '--porcelain')).split('\n').filter(Boolean);
      for (const line of changed)
        expect(reported, `${line.slice(3)} changed in ${phase}: the report must say so`).toContain(
          line.slice(3),
        );
      await commitAll(dir, `aet migrate --phase ${phase}`);
      if (phase !== 'prepare') {
        const again = await aet(['migrate', '.', '--phase', phase], dir);
        expect(await git(dir, 'status', '--porcelain'), `a second ${phase} changes nothing`).toBe(
          '',
        );
        expect([0, 2]).toContain(again.code);
      }
    }
    const audit = await aet(['audit', '.'], dir);
    const legacyImports = [...(await snapshot(dir))]
      .filter(([file, text]) => /\.(c|m)?[jt]sx?$/.test(file) && text.includes('legacy-shims'))
      .map(([file]) => relative(dir, join(dir, file)));
    const eventsAfter = await scenarioEvents(dir);
    // Kept for a look when a check above failed; removed when all of them passed.
    await rm(dir, { recursive: true, force: true });
    return { dir, phaseOutput, eventsBefore, eventsAfter, audit, legacyImports };
  }
}

/**
 * The whole check of one consumer: {@link migrateConsumer}, then at the end the critical events of
 * its scenario are the same as on the shims (type, order, seq, user, agent), and whatever still
 * uses the legacy API is exactly what finalize reported as left (the audit agreeing).
 */
export async function checkConsumer(name: string): Promise<ConsumerMigration> {
  const migration = await migrateConsumer(name);
  expect(migration.eventsAfter, 'the critical events after the migration').toEqual(
    migration.eventsBefore,
  );
  const finalize = migration.phaseOutput.finalize ?? '';
  const left =
    /the legacy API is still used in \d+ files?: (.*?); the legacy dependency stays/.exec(finalize);
  expect(left?.[1]?.split(', ') ?? [], 'the files finalize says still use the legacy API').toEqual(
    migration.legacyImports,
  );
  expect(migration.audit.code, migration.audit.stdout).toBe(
    migration.legacyImports.length > 0 ? 1 : 0,
  );
  return migration;
}
