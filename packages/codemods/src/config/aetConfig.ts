import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { CodemodError } from '../codemodError.js';

/** The legacy module specifiers the audit recognises by default. */
export const DEFAULT_LEGACY_MODULES = [
  '@aet/legacy-shims',
  '@aet/legacy-shims/agent-state-tracker',
  '@aet/legacy-shims/execution-timeout-manager',
  '@aet/legacy-shims/execution-tracker',
] as const;

/** Local legacy modules are recognised by how their path ends. */
export const DEFAULT_LEGACY_PATH_SUFFIXES = [
  'agent-state-tracker',
  'execution-timeout-manager',
  'execution-tracker',
] as const;

/** `aet.config.json` in the consumer repository. Unknown keys are rejected. */
export const AetConfigSchema = z.strictObject({
  /** Module specifiers of the legacy APIs. */
  legacyModules: z.array(z.string().min(1)).default([...DEFAULT_LEGACY_MODULES]),
  /** Local import paths ending in one of these (with or without an extension) are legacy too. */
  legacyPathSuffixes: z.array(z.string().min(1)).default([...DEFAULT_LEGACY_PATH_SUFFIXES]),
  /** The SSOT module migrated code imports. */
  targetModule: z.string().min(1).default('@aet/tracker-core'),
  /** Extra gitignore-style patterns of files to leave out. */
  ignore: z.array(z.string().min(1)).default([]),
});

/** The resolved configuration. */
export type AetConfig = z.output<typeof AetConfigSchema>;

/** The configuration file name. */
export const CONFIG_FILE = 'aet.config.json';

/** Reads and validates `aet.config.json` in `root` (defaults when absent). */
export async function loadConfig(root: string): Promise<AetConfig> {
  let text: string;
  try {
    text = await readFile(join(root, CONFIG_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return AetConfigSchema.parse({});
    throw new CodemodError(
      'AET_BAD_CONFIG',
      `cannot read ${CONFIG_FILE}: ${(error as Error).message}`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CodemodError(
      'AET_BAD_CONFIG',
      `${CONFIG_FILE} is not valid JSON: ${(error as Error).message}`,
    );
  }
  const result = AetConfigSchema.safeParse(value, { reportInput: true });
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const key = issue.path.join('.') || '(root)';
      return issue.code === 'unrecognized_keys'
        ? `unknown key ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`
        : `${key}: ${issue.message}, got ${JSON.stringify(issue.input)}`;
    });
    throw new CodemodError('AET_BAD_CONFIG', `invalid ${CONFIG_FILE}: ${problems.join('; ')}`);
  }
  return result.data;
}
