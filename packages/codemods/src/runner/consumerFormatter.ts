import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Formats a changed file the way the consumer's own formatter would. */
export interface Formatter {
  format(path: string, text: string): Promise<string>;
}

interface PrettierApi {
  resolveConfig(file: string): Promise<Record<string, unknown> | null>;
  format(text: string, options: Record<string, unknown>): Promise<string>;
}

/**
 * The consumer's Prettier, when the repository has one installed and configured for a file:
 * changed files are formatted with it, as Nx's `formatFiles` does, so reprinted code matches
 * the code around it. Files without a Prettier config keep recast's printing; a file Prettier
 * cannot format is kept as printed.
 */
export async function consumerFormatter(root: string): Promise<Formatter | undefined> {
  let prettier: PrettierApi;
  try {
    const resolved = createRequire(join(root, 'package.json')).resolve('prettier');
    prettier = (await import(pathToFileURL(resolved).href)) as PrettierApi;
  } catch {
    return undefined;
  }
  return {
    async format(path, text) {
      const file = join(root, path);
      try {
        const options = await prettier.resolveConfig(file);
        if (options === null) return text;
        return await prettier.format(text, { ...options, filepath: file });
      } catch {
        return text;
      }
    },
  };
}
