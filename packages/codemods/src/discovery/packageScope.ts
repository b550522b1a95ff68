import { readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import type { AetConfig } from '../config/aetConfig.js';

/**
 * The `package.json` files of a repository: the folder that holds each (`''` for the root,
 * `/`-separated) → the package names it depends on (any dependency field).
 */
export type PackageManifests = ReadonlyMap<string, ReadonlySet<string>>;

const DEPENDENCY_FIELDS = [
  'dependencies',
  'devDependencies',
  'peerDependencies',
  'optionalDependencies',
] as const;

/** Reads the `package.json` of every folder that holds one of `files`, or one above it. */
export async function readPackageManifests(
  root: string,
  files: readonly string[],
): Promise<PackageManifests> {
  const folders = new Set<string>(['']);
  for (const file of files) {
    for (let dir = posix.dirname(file); dir !== '.' && !folders.has(dir); dir = posix.dirname(dir))
      folders.add(dir);
  }
  const manifests = new Map<string, ReadonlySet<string>>();
  for (const folder of folders) {
    const text = await readFile(join(root, folder, 'package.json'), 'utf8').catch(() => undefined);
    if (text !== undefined) manifests.set(folder, dependenciesOf(text));
  }
  return manifests;
}

/** The package names a `package.json` text depends on (none when it is not valid JSON). */
export function dependenciesOf(text: string): ReadonlySet<string> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return new Set();
  }
  const names = new Set<string>();
  if (typeof data !== 'object' || data === null) return names;
  for (const field of DEPENDENCY_FIELDS) {
    const value = (data as Record<string, unknown>)[field];
    if (typeof value === 'object' && value !== null)
      for (const name of Object.keys(value)) names.add(name);
  }
  return names;
}

/** The folder of the package a file belongs to: its nearest `package.json`; undefined if none. */
export function packageOf(path: string, manifests: PackageManifests): string | undefined {
  for (let dir = posix.dirname(path); ; dir = posix.dirname(dir)) {
    const folder = dir === '.' ? '' : dir;
    if (manifests.has(folder)) return folder;
    if (folder === '') return undefined;
  }
}

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`; relative paths → undefined. */
function packageNameOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/')) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * Which files the SSOT rules that are not about legacy imports apply to (hand-minted ids, the
 * follow-ups): those of a package that depends on the tracker or a legacy package (by its
 * nearest `package.json`), or in which some file imports a legacy module. A file under no
 * `package.json` at all is in scope (nothing says otherwise). Code that never used the legacy
 * API — the rest of a monorepo, vendored SDKs — is left alone.
 */
export function packageScope(
  manifests: PackageManifests,
  config: AetConfig,
  packagesWithLegacyImports: Iterable<string | undefined>,
): (path: string) => boolean {
  const watched = new Set(
    [...config.legacyModules, config.targetModule]
      .map(packageNameOf)
      .filter((name): name is string => name !== undefined),
  );
  const inScope = new Set<string>();
  for (const [folder, dependencies] of manifests)
    if ([...dependencies].some((name) => watched.has(name))) inScope.add(folder);
  for (const folder of packagesWithLegacyImports) if (folder !== undefined) inScope.add(folder);
  return (path) => {
    const folder = packageOf(path, manifests);
    return folder === undefined || inScope.has(folder);
  };
}
