// The packages as their users get them: published with the release flow (`nx release publish`)
// to a real registry (Verdaccio on 127.0.0.1, storage in a temporary folder), then installed
// with plain `npm install` in folders outside the workspace. Everything started here is stopped
// and removed at the end.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const here = import.meta.dirname;
const workspace = join(here, '..', '..');
const PHASES = ['prepare', 'state', 'timeouts', 'engines', 'finalize'] as const;

interface Outcome {
  readonly code: number;
  readonly out: string;
}

let scratch = '';
let registry = '';
let npmrc = '';
let verdaccio: ChildProcess | undefined;

/** Runs a command; never throws: the caller asserts on the exit code with the output shown. */
async function sh(
  file: string,
  args: readonly string[],
  cwd: string,
  timeoutMs = 600_000,
): Promise<Outcome> {
  try {
    const { stdout, stderr } = await exec(file, args, {
      cwd,
      maxBuffer: 64 * 1024 * 1024,
      timeout: timeoutMs,
      env: {
        ...process.env,
        NPM_CONFIG_USERCONFIG: npmrc,
        NPM_CONFIG_UPDATE_NOTIFIER: 'false',
        NPM_CONFIG_FUND: 'false',
        NPM_CONFIG_AUDIT: 'false',
        NX_DAEMON: 'false',
        // The consumer runs as a user would: no workspace source condition, no CI shortcuts.
        NODE_OPTIONS: '',
      },
    });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string; message: string };
    return { code: e.code ?? 1, out: (e.stdout ?? '') + (e.stderr ?? '') + e.message };
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        resolve(typeof address === 'object' && address !== null ? address.port : 0);
      });
    });
  });
}

async function waitForRegistry(url: string): Promise<void> {
  for (let attempt = 0; attempt < 150; attempt++) {
    try {
      if ((await fetch(`${url}-/ping`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Verdaccio did not answer at ${url} within 30 s`);
}

/** A user on the registry, and its token (what `npm adduser` does). */
async function addUser(url: string): Promise<string> {
  const response = await fetch(`${url}-/user/org.couchdb.user:aet-release`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'aet-release', password: 'release-smoke-password' }),
  });
  const body = (await response.json()) as { token?: string };
  if (!response.ok || body.token === undefined)
    throw new Error(`Verdaccio refused the user: ${String(response.status)}`);
  return body.token;
}

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'aet-release-'));
  const port = await freePort();
  registry = `http://127.0.0.1:${String(port)}/`;
  const config = (await readFile(join(here, 'verdaccio.yaml'), 'utf8'))
    .replace('STORAGE', join(scratch, 'storage'))
    .replace('HTPASSWD', join(scratch, 'htpasswd'));
  await writeFile(join(scratch, 'verdaccio.yaml'), config);
  verdaccio = spawn(
    process.execPath,
    [
      join(workspace, 'node_modules', 'verdaccio', 'bin', 'verdaccio'),
      '--config',
      join(scratch, 'verdaccio.yaml'),
      '--listen',
      `127.0.0.1:${String(port)}`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  verdaccio.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  verdaccio.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  await waitForRegistry(registry).catch((error: unknown) => {
    throw new Error(`${String(error)}\n${log}`);
  });
  const token = await addUser(registry);
  // Only @aet/* comes from the local registry; the rest from the default one, as for a user
  // of a private scope.
  npmrc = join(scratch, '.npmrc');
  await writeFile(
    npmrc,
    `@aet:registry=${registry}\n//127.0.0.1:${String(port)}/:_authToken=${token}\n`,
  );
  const published = await sh(
    process.execPath,
    [
      join(workspace, 'node_modules', 'nx', 'bin', 'nx.js'),
      'release',
      'publish',
      '--registry',
      registry,
    ],
    workspace,
  );
  expect(published.code, published.out).toBe(0);
}, 300_000);

afterAll(async () => {
  verdaccio?.kill('SIGTERM');
  if (scratch !== '') await rm(scratch, { recursive: true, force: true });
});

/**
 * In a folder inside the installed consumer (so it resolves the consumer's node_modules): a
 * TypeScript engine type-checks against @aet/tracker-core and @aet/test-kit under nodenext and
 * bundler resolution; CommonJS require()s the tracker; @aet/store-redis and @aet/ws-bridge run
 * one execution through a real redis-server to a real WebSocket. The folder is removed after.
 */
async function usesTheOtherPackages(consumerDir: string): Promise<void> {
  const dir = join(consumerDir, 'outside-engine');
  await cp(join(here, 'consumer'), dir, { recursive: true });
  const tsc = join(consumerDir, 'node_modules', 'typescript', 'bin', 'tsc');
  for (const tsconfig of ['tsconfig.nodenext.json', 'tsconfig.bundler.json']) {
    const checked = await sh(process.execPath, [tsc, '-p', tsconfig], dir);
    expect(checked, tsconfig).toEqual({ code: 0, out: '' });
  }
  const required = await sh(process.execPath, ['requireTracker.cjs'], dir);
  expect(required.code, required.out).toBe(0);
  expect(lastJsonLine(required.out)).toEqual({
    state: 'completed',
    events: expect.arrayContaining(['agent_completed']) as unknown,
  });
  const bridged = await sh(process.execPath, ['redisBridge.mjs'], dir, 60_000);
  expect(bridged.code, bridged.out).toBe(0);
  expect(lastJsonLine(bridged.out)).toEqual({
    frames: expect.arrayContaining(['connected', 'agent_completed']) as unknown,
    stored: 'completed',
  });
  await rm(dir, { recursive: true });
}

function lastJsonLine(out: string): unknown {
  return JSON.parse(out.trim().split('\n').at(-1) ?? 'null');
}

describe('the published packages, installed outside the workspace', () => {
  it('publishes every package in step', async () => {
    const versions = await Promise.all(
      ['tracker-core', 'legacy-shims', 'codemods', 'test-kit', 'store-redis', 'ws-bridge'].map(
        async (name) => {
          const response = await fetch(`${registry}@aet%2f${name}`);
          expect(response.ok, `@aet/${name} is on the registry`).toBe(true);
          const body = (await response.json()) as { 'dist-tags': { latest: string } };
          return body['dist-tags'].latest;
        },
      ),
    );
    const own = (
      JSON.parse(
        await readFile(join(workspace, 'packages', 'tracker-core', 'package.json'), 'utf8'),
      ) as {
        version: string;
      }
    ).version;
    expect(versions).toEqual(versions.map(() => own));
  });

  it('serve the legacy example as an outside consumer (tests, audit, five phases, check, tests again), an engine under nodenext and bundler, require(), Redis and a WebSocket', async () => {
    const dir = join(scratch, 'legacy-chat-backend');
    const example = join(workspace, 'examples', 'legacy-chat-backend');
    await cp(example, dir, {
      recursive: true,
      filter: (source) => !source.includes('node_modules'),
    });
    const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
      nx?: unknown;
    };
    delete manifest.nx;
    manifest.devDependencies = {
      ...manifest.devDependencies,
      '@aet/codemods': 'latest',
      '@aet/store-redis': 'latest',
      '@aet/ws-bridge': 'latest',
      typescript: '~5.9.3',
      vitest: '~4.1.12',
      tsx: '^4.20.0',
      '@types/node': '^20.19.0',
    };
    await writeFile(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    // Its own configuration instead of the workspace's (no source condition, no shared config).
    await writeFile(
      join(dir, 'tsconfig.json'),
      `${JSON.stringify(
        {
          compilerOptions: {
            target: 'ES2022',
            lib: ['ES2022'],
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            strict: true,
            noUncheckedIndexedAccess: true,
            noImplicitOverride: true,
            verbatimModuleSyntax: true,
            skipLibCheck: true,
            noEmit: true,
            types: ['node'],
          },
          include: ['src', 'test', 'vitest.config.ts'],
        },
        null,
        2,
      )}\n`,
    );
    await writeFile(
      join(dir, 'vitest.config.ts'),
      "import { defineConfig } from 'vitest/config';\n\nexport default defineConfig({\n  test: { include: ['test/**/*.test.ts'], setupFiles: ['./test/setup.ts'], testTimeout: 60_000 },\n});\n",
    );
    await writeFile(join(dir, '.gitignore'), 'node_modules/\n');
    const installed = await sh('npm', ['install'], dir);
    expect(installed.code, installed.out).toBe(0);
    await usesTheOtherPackages(dir);
    const git = async (...args: string[]): Promise<void> => {
      const done = await sh(
        'git',
        ['-c', 'user.name=aet', '-c', 'user.email=aet@example.com', ...args],
        dir,
      );
      expect(done.code, done.out).toBe(0);
    };
    await git('init', '-q');
    await git('add', '-A');
    await git('commit', '-qm', 'the example, on the published legacy shims');

    const npx = (...args: string[]): Promise<Outcome> => sh('npx', ['--no-install', ...args], dir);
    const before = await sh('npm', ['test'], dir);
    expect(before.code, `its tests on the shims:\n${before.out}`).toBe(0);
    const audit = await npx('aet', 'audit', '.');
    expect(audit.code, audit.out).toBe(1);
    expect(audit.out).toMatch(/AET00\d/);
    for (const phase of PHASES) {
      const migrated = await npx('aet', 'migrate', '.', '--phase', phase);
      expect(migrated.code, `aet migrate --phase ${phase}:\n${migrated.out}`).toBe(0);
      if (phase === 'prepare') {
        // prepare adds the test-kit for the SSOT test it writes.
        const again = await sh('npm', ['install'], dir);
        expect(again.code, again.out).toBe(0);
      }
      await git('add', '-A');
      await git('commit', '-qm', `aet migrate --phase ${phase}`, '--allow-empty');
    }
    const check = await npx('aet', 'check', '.');
    expect(check.code, check.out).toBe(0);
    const installedAfter = await sh('npm', ['install'], dir);
    expect(installedAfter.code, installedAfter.out).toBe(0);
    const typecheck = await npx('tsc', '-p', 'tsconfig.json');
    expect(typecheck, 'tsc after the migration').toEqual({ code: 0, out: '' });
    const after = await sh('npm', ['test'], dir);
    expect(after.code, `its tests on the tracker:\n${after.out}`).toBe(0);
    const legacyLeft = (await readFile(join(dir, 'package.json'), 'utf8')).includes('legacy-shims');
    expect(legacyLeft, 'finalize removed the legacy dependency').toBe(false);
  });
});
