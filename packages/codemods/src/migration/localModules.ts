import { posix } from 'node:path';

const SOURCE_EXTENSION = /\.(c|m)?[jt]sx?$/;

/**
 * The key of a local module: its root-relative path without extension, and without a trailing
 * `/index` (so `src/legacy/index.ts` and an import of `../legacy` or `../legacy/index.js` meet).
 */
export function moduleKeyOfFile(path: string): string {
  return path.replace(SOURCE_EXTENSION, '').replace(/\/index$/, '');
}

/** The key of the local module a relative `specifier` in the file at `fromPath` names. */
export function moduleKeyOfImport(fromPath: string, specifier: string): string | undefined {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return undefined;
  const joined = posix.normalize(posix.join(posix.dirname(fromPath), specifier));
  return joined.replace(SOURCE_EXTENSION, '').replace(/\/index$/, '');
}
