import { chmod, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

let counter = 0;

/**
 * Replaces `path` with `content` atomically: the new text goes to a temporary file beside it
 * (same file system), is flushed to disk, takes the old file's mode, and is renamed over it. An
 * interrupted run leaves the file either old or new, never half-written.
 */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.aet-${process.pid}-${counter++}.tmp`);
  const mode = (await stat(path).catch(() => undefined))?.mode;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    if (mode !== undefined) await chmod(temporary, mode);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
