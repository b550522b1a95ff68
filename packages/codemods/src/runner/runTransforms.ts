import { join, resolve } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import jscodeshift from 'jscodeshift';
import { CodemodError } from '../codemodError.js';
import { parserForFile } from '../audit/parserForFile.js';
import { loadConfig, type AetConfig } from '../config/aetConfig.js';
import { discoverFiles } from '../discovery/discoverFiles.js';
import { readSourceFile } from '../discovery/readSourceFile.js';
import { writeFileAtomic } from './atomicWrite.js';
import { isGitWorkTree, uncommittedPaths } from './gitState.js';
import type { SourceTransform } from './sourceTransform.js';

/** Options of {@link runTransforms}. */
export interface TransformRunOptions {
  /** Compute the changes but write nothing. @default false */
  readonly dry?: boolean;
  /** Collect a unified diff per changed file. @default false */
  readonly diff?: boolean;
  /** Write even when the git tree has uncommitted changes. @default false */
  readonly allowDirty?: boolean;
  /** @default read from `aet.config.json` */
  readonly config?: AetConfig;
  /** Called after each file, for progress. */
  readonly onFile?: (done: number, total: number, row: TransformRow) => void;
}

/** One row per file of the run report. */
export interface TransformRow {
  readonly path: string;
  readonly status: 'unchanged' | 'changed' | 'skipped' | 'failed';
  /** Whether the file was parsed (false when no transform's tokens occur in it). */
  readonly parsed: boolean;
  /** Transforms that changed the file. */
  readonly transforms: readonly string[];
  readonly reason?: string;
}

/** What a run did. */
export interface TransformRunResult {
  readonly root: string;
  readonly dry: boolean;
  readonly rows: readonly TransformRow[];
  /** Unified diffs of changed files, when asked for. */
  readonly diffs: readonly string[];
  /** Things the user should know (e.g. not a git repository). */
  readonly warnings: readonly string[];
  readonly summary: {
    readonly scanned: number;
    readonly parsed: number;
    readonly changed: number;
    readonly skipped: number;
    readonly failed: number;
    readonly durationMs: number;
  };
}

/**
 * Runs `transforms` over the repository at `root`: one parse and one print per file for all of
 * them, files without a transform's tokens never parsed, a file that fails to parse or transform
 * reported and left alone, every write atomic. Refuses (CodemodError `AET_DIRTY_TREE`) to write
 * over uncommitted changes unless `allowDirty`; warns when the root is not a git repository.
 */
export async function runTransforms(
  root: string,
  transforms: readonly SourceTransform[],
  options: TransformRunOptions = {},
): Promise<TransformRunResult> {
  const started = performance.now();
  const absoluteRoot = resolve(root);
  const config = options.config ?? (await loadConfig(absoluteRoot));
  const dry = options.dry ?? false;
  const warnings: string[] = [];
  const discovered = await discoverFiles(absoluteRoot, config.ignore);
  if (!dry) {
    if (await isGitWorkTree(absoluteRoot)) {
      const dirty = await uncommittedPaths(absoluteRoot);
      if (dirty.length > 0 && options.allowDirty !== true) {
        const listed =
          dirty.slice(0, 10).join(', ') +
          (dirty.length > 10 ? `, and ${dirty.length - 10} more` : '');
        throw new CodemodError(
          'AET_DIRTY_TREE',
          `the git tree has uncommitted changes (${listed}): commit or stash them so the migration can be reviewed and reverted, or pass --allow-dirty`,
        );
      }
    } else {
      warnings.push(
        `${absoluteRoot} is not a git repository: the changes cannot be reviewed or reverted with git`,
      );
    }
  }
  const rows: TransformRow[] = discovered.skipped.map((s) => ({
    path: s.path,
    status: 'skipped' as const,
    parsed: false,
    transforms: [],
    reason: s.reason,
  }));
  const diffs: string[] = [];
  let done = 0;
  for (const path of discovered.files) {
    const row = await transformFile(
      absoluteRoot,
      path,
      transforms,
      dry,
      options.diff === true ? diffs : undefined,
    );
    rows.push(row);
    options.onFile?.(++done, discovered.files.length, row);
  }
  rows.sort((a, b) => a.path.localeCompare(b.path));
  return {
    root: absoluteRoot,
    dry,
    rows,
    diffs,
    warnings,
    summary: {
      scanned: discovered.files.length,
      parsed: rows.filter((r) => r.parsed).length,
      changed: rows.filter((r) => r.status === 'changed').length,
      skipped: rows.filter((r) => r.status === 'skipped').length,
      failed: rows.filter((r) => r.status === 'failed').length,
      durationMs: performance.now() - started,
    },
  };
}

async function transformFile(
  root: string,
  path: string,
  transforms: readonly SourceTransform[],
  dry: boolean,
  diffs: string[] | undefined,
): Promise<TransformRow> {
  const absolute = join(root, path);
  const read = await readSourceFile(absolute);
  if (read.kind !== 'source')
    return { path, status: read.kind, parsed: false, transforms: [], reason: read.reason };
  const source = read.source;
  const candidates = transforms.filter((t) => t.tokens.some((token) => source.includes(token)));
  if (candidates.length === 0) {
    return { path, status: 'unchanged', parsed: false, transforms: [] };
  }
  const j = jscodeshift.withParser(parserForFile(path));
  let output: string;
  const applied: string[] = [];
  try {
    const tree = j(source);
    for (const transform of candidates) {
      if (transform.apply({ j, root: tree, path, source })) applied.push(transform.name);
    }
    if (applied.length === 0) return { path, status: 'unchanged', parsed: true, transforms: [] };
    output = tree.toSource({ quote: dominantQuote(source) });
  } catch (error) {
    const loc = (error as { loc?: { line: number; column: number } }).loc;
    const where = loc === undefined ? '' : ` at ${loc.line}:${loc.column + 1}`;
    return {
      path,
      status: 'failed',
      parsed: false,
      transforms: [],
      reason: `cannot transform${where}: ${(error as Error).message}`,
    };
  }
  if (output === source) return { path, status: 'unchanged', parsed: true, transforms: [] };
  diffs?.push(unifiedDiff(path, source, output));
  if (!dry) await writeFileAtomic(absolute, output);
  return { path, status: 'changed', parsed: true, transforms: applied };
}

/** The quote style most of the file's string literals use, so new literals match it. */
function dominantQuote(source: string): 'single' | 'double' {
  const single = source.match(/'[^'\n]*'/g)?.length ?? 0;
  const double = source.match(/"[^"\n]*"/g)?.length ?? 0;
  return double > single ? 'double' : 'single';
}

/** A unified diff in the form git and patch print (no separator line, no trailing tabs). */
function unifiedDiff(path: string, before: string, after: string): string {
  return createTwoFilesPatch(`a/${path}`, `b/${path}`, before, after, '', '', { context: 3 })
    .replace(/^=+\n/, '')
    .replace(/\t$/gm, '');
}
