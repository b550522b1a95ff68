import { join } from 'node:path';
import { readSourceFile } from '../discovery/readSourceFile.js';

/** The text of each file (from `overlay` when it has it), leaving out what cannot be read. */
export async function readSources(
  root: string,
  files: readonly string[],
  overlay: ReadonlyMap<string, string>,
): Promise<[string, string][]> {
  const sources: [string, string][] = [];
  for (const path of files) {
    const overlaid = overlay.get(path);
    if (overlaid !== undefined) {
      sources.push([path, overlaid]);
      continue;
    }
    const read = await readSourceFile(join(root, path));
    if (read.kind === 'source') sources.push([path, read.source]);
  }
  return sources;
}
