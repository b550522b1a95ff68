import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { CodemodError } from '../codemodError.js';

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies'] as const;

const PackageJsonSchema = z.looseObject({
  dependencies: z.record(z.string(), z.string()).optional(),
  devDependencies: z.record(z.string(), z.string()).optional(),
  peerDependencies: z.record(z.string(), z.string()).optional(),
});

/** A consumer's `package.json`, edited in memory and printed back in its own indentation. */
export class PackageJsonFile {
  private constructor(
    readonly path: string,
    private readonly original: string,
    private readonly data: z.infer<typeof PackageJsonSchema>,
  ) {}

  /** Reads `package.json` in `root`; undefined when there is none. */
  static async read(root: string): Promise<PackageJsonFile | undefined> {
    const path = join(root, 'package.json');
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    return PackageJsonFile.parse(path, text);
  }

  /** A `package.json` from its text (read from disk, or from an Nx `Tree`). */
  static parse(path: string, text: string): PackageJsonFile {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new CodemodError(
        'AET_BAD_PACKAGE_JSON',
        `package.json is not valid JSON: ${(error as Error).message}`,
      );
    }
    const parsed = PackageJsonSchema.safeParse(value);
    if (!parsed.success || typeof value !== 'object' || value === null)
      throw new CodemodError(
        'AET_BAD_PACKAGE_JSON',
        `package.json: ${(parsed.error?.issues ?? []).map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') || 'not an object'}`,
      );
    // The validated value keeps its key order only as the original object does: edit that one.
    return new PackageJsonFile(path, text, value as z.infer<typeof PackageJsonSchema>);
  }

  /** The version range of a dependency in any dependency field. */
  versionOf(name: string): string | undefined {
    for (const field of DEPENDENCY_FIELDS) {
      const version = this.data[field]?.[name];
      if (version !== undefined) return version;
    }
    return undefined;
  }

  /** Adds a dependency unless the package already depends on it; returns whether it added. */
  ensure(field: 'dependencies' | 'devDependencies', name: string, version: string): boolean {
    if (this.versionOf(name) !== undefined) return false;
    const entries = { ...(this.data[field] ?? {}), [name]: version };
    this.data[field] = Object.fromEntries(
      Object.entries(entries).sort(([a], [b]) => a.localeCompare(b)),
    );
    return true;
  }

  /** Removes a dependency from every field; returns whether it was there. */
  remove(name: string): boolean {
    let removed = false;
    for (const field of DEPENDENCY_FIELDS) {
      const deps = this.data[field];
      if (deps?.[name] === undefined) continue;
      this.data[field] = Object.fromEntries(Object.entries(deps).filter(([key]) => key !== name));
      removed = true;
    }
    return removed;
  }

  /** The file's new text, in its own indentation; the original when nothing changed. */
  text(): string {
    const indent = /^([ \t]+)"/m.exec(this.original)?.[1] ?? '  ';
    const printed = `${JSON.stringify(this.data, null, indent)}\n`;
    return JSON.stringify(JSON.parse(this.original)) === JSON.stringify(this.data)
      ? this.original
      : printed;
  }
}
