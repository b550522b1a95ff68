// Checks every publishable package the way its users will meet it: the manifest fields a
// registry and a consumer rely on, then publint (packaging errors) and arethetypeswrong (types
// that resolve under every module resolution an ESM package supports). Run after a build:
//   npm run check:packages
// Exits 1 and lists the problems when any package has one.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const packagesDir = join(root, 'packages');
const bin = (name: string): string => join(root, 'node_modules', '.bin', name);
/** Packages a consumer installs next to its own copy of the tracker: it must be a peer. */
const TRACKER_PEERS = new Set([
  '@aet/legacy-shims',
  '@aet/test-kit',
  '@aet/store-redis',
  '@aet/ws-bridge',
]);

interface Manifest {
  readonly name: string;
  readonly private?: boolean;
  readonly license?: string;
  readonly repository?: { readonly url?: string; readonly directory?: string };
  readonly engines?: { readonly node?: string };
  readonly files?: readonly string[];
  readonly exports?: Record<string, string | Record<string, string>>;
  readonly dependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
}

/** What is wrong with a package's manifest, LICENSE and README, as sentences. */
function manifestProblems(dir: string, manifest: Manifest): string[] {
  const problems: string[] = [];
  if (manifest.license !== 'MIT') problems.push('license is not MIT');
  if (!existsSync(join(dir, 'LICENSE'))) problems.push('no LICENSE file');
  const directory = `packages/${dir.split('/').at(-1) ?? ''}`;
  if (manifest.repository?.url === undefined || manifest.repository.directory !== directory)
    problems.push(`repository needs a url and directory "${directory}"`);
  if (manifest.engines?.node === undefined) problems.push('no engines.node');
  if (!manifest.files?.includes('dist')) problems.push('files does not list dist');
  for (const [entry, target] of Object.entries(manifest.exports ?? {})) {
    if (entry === './package.json') continue;
    if (typeof target === 'string' || target.types === undefined)
      problems.push(`exports["${entry}"] has no types`);
  }
  if (manifest.exports === undefined) problems.push('no exports');
  const readme = readFileSync(join(dir, 'README.md'), 'utf8').split('\n');
  const firstLine = readme.slice(1).find((line) => line.trim() !== '' && !line.startsWith('```'));
  if (
    firstLine === undefined ||
    !firstLine.startsWith(`npm install`) ||
    !firstLine.includes(manifest.name)
  )
    problems.push(`README does not start with "npm install ${manifest.name}"`);
  if (TRACKER_PEERS.has(manifest.name)) {
    if (manifest.peerDependencies?.['@aet/tracker-core'] === undefined)
      problems.push('@aet/tracker-core must be a peer dependency');
    if (manifest.dependencies?.['@aet/tracker-core'] !== undefined)
      problems.push('@aet/tracker-core must not also be a dependency');
  }
  return problems;
}

/** The output of a tool that exited non-zero, or nothing. */
async function toolProblems(file: string, args: readonly string[], cwd: string): Promise<string[]> {
  try {
    await run(file, args, { cwd, maxBuffer: 16 * 1024 * 1024 });
    return [];
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    return [
      `${file.split('/').at(-1) ?? file}: ${(e.stdout ?? '') + (e.stderr ?? '') || e.message}`,
    ];
  }
}

const dirs = readdirSync(packagesDir)
  .map((name) => join(packagesDir, name))
  .filter((dir) => existsSync(join(dir, 'package.json')));
let failed = 0;
for (const dir of dirs) {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
  if (manifest.private === true) continue;
  if (!existsSync(join(dir, 'dist')))
    throw new Error(`${manifest.name} is not built: run npm run build first`);
  const problems = [
    ...manifestProblems(dir, manifest),
    ...(await toolProblems(bin('publint'), ['--strict', '.'], dir)),
    // ESM only, on purpose (Node >= 20.19 can require() it): node10 and CJS-importing-types
    // resolutions are not promised, every other one must be clean.
    ...(await toolProblems(
      bin('attw'),
      ['--pack', '.', '--profile', 'esm-only', '--format', 'ascii'],
      dir,
    )),
  ];
  process.stdout.write(`${problems.length === 0 ? 'ok  ' : 'FAIL'} ${manifest.name}\n`);
  for (const problem of problems)
    process.stdout.write(`     ${problem.trim().split('\n').join('\n     ')}\n`);
  if (problems.length > 0) failed++;
}
process.stdout.write(
  failed === 0
    ? `${String(dirs.length)} packages: manifest, publint and attw clean\n`
    : `${String(failed)} of ${String(dirs.length)} packages have problems\n`,
);
process.exitCode = failed === 0 ? 0 : 1;
