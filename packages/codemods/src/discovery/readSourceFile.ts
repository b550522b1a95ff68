import { open } from 'node:fs/promises';

/** Files larger than this are skipped with a reason. */
export const MAX_FILE_BYTES = 1024 * 1024;

/** A source file's text, or why it is skipped (too large, binary) or failed (unreadable). */
export type SourceRead =
  | { readonly kind: 'source'; readonly source: string }
  | { readonly kind: 'skipped'; readonly reason: string }
  | { readonly kind: 'failed'; readonly reason: string };

/**
 * Reads a file for the audit or a transform: over 1 MiB it is skipped, with NUL bytes in its first
 * 8 KiB it is binary and skipped, and a read error is a failure of this file only.
 */
export async function readSourceFile(absolutePath: string): Promise<SourceRead> {
  try {
    const handle = await open(absolutePath, 'r');
    try {
      const { size } = await handle.stat();
      if (size > MAX_FILE_BYTES)
        return { kind: 'skipped', reason: `larger than 1 MiB (${size} bytes)` };
      const buffer = await handle.readFile();
      if (buffer.subarray(0, 8192).includes(0))
        return { kind: 'skipped', reason: 'binary file (contains NUL bytes)' };
      return { kind: 'source', source: buffer.toString('utf8') };
    } finally {
      await handle.close();
    }
  } catch (error) {
    return { kind: 'failed', reason: `cannot read: ${(error as Error).message}` };
  }
}
