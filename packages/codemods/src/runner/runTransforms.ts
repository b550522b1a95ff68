import { join, resolve } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { loadConfig, type AetConfig } from '../config/aetConfig.js';
import {
  discoverFiles,
  SOURCE_EXTENSIONS,
  type DiscoveredFiles,
} from '../discovery/discoverFiles.js';
import { readSourceFile } from '../discovery/readSourceFile.js';
import { writeFileAtomic } from './atomicWrite.js';
import { consumerFormatter, type Formatter } from './consumerFormatter.js';
import { checkWritableTree } from './gitState.js';
import type { SourceTransform, TransformEvent } from './sourceTransform.js';
import { transformSource } from './transformSource.js';

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
  /** Stops the run between two files (each file is either written whole or not at all). */
  readonly signal?: AbortSignal;
  /**
   * File contents to use instead of the disk's (root-relative paths): a dry run of a later phase
   * sees what the earlier phases would have written.
   */
  readonly overlay?: ReadonlyMap<string, string>;
  /** The discovery of `root`, when the caller has already made it. @default discovered here */
  readonly discovered?: DiscoveredFiles;
  /** Format changed files with the repository's Prettier, when it has one configured. @default true */
  readonly format?: boolean;
}

/** One row per file of the run report. */
export interface TransformRow {
  readonly path: string;
  /**
   * `rejected`: the rewrite would have added type errors (the migration's compile gate), so the
   * file was left as it was.
   */
  readonly status: 'unchanged' | 'changed' | 'skipped' | 'failed' | 'rejected';
  /** Whether the file was parsed (false when no transform's tokens occur in it). */
  readonly parsed: boolean;
  /** Transforms that changed the file. */
  readonly transforms: readonly string[];
  readonly reason?: string;
  /** What the transforms did or left for a human, in line order. */
  readonly events: readonly (TransformEvent & { readonly transform: string })[];
}

/** What a run did. */
export interface TransformRunResult {
  readonly root: string;
  readonly dry: boolean;
  readonly rows: readonly TransformRow[];
  /** Unified diffs of changed files, when asked for. */
  readonly diffs: readonly string[];
  /** The new content of every changed file (root-relative path → text). */
  readonly outputs: ReadonlyMap<string, string>;
  /** Things the user should know (e.g. not a git repository). */
  readonly warnings: readonly string[];
  /** The run was stopped by its signal before every file was done. */
  readonly interrupted: boolean;
  readonly summary: {
    readonly scanned: number;
    readonly parsed: number;
    readonly changed: number;
    readonly skipped: number;
    readonly failed: number;
    /** Rewrites the compile gate refused (only in a migration). */
    readonly rejected: number;
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
  const discovered = options.discovered ?? (await discoverFiles(absoluteRoot, config.ignore));
  if (!dry) warnings.push(...(await checkWritableTree(absoluteRoot, options.allowDirty === true)));
  const rows: TransformRow[] = discovered.skipped.map((s) => ({
    path: s.path,
    status: 'skipped' as const,
    parsed: false,
    transforms: [],
    reason: s.reason,
    events: [],
  }));
  const diffs: string[] = [];
  const outputs = new Map<string, string>();
  const formatter = options.format === false ? undefined : await consumerFormatter(absoluteRoot);
  let done = 0;
  let interrupted = false;
  const files = withOverlayFiles(discovered.files, options.overlay);
  for (const path of files) {
    if (options.signal?.aborted === true) {
      interrupted = true;
      break;
    }
    const row = await transformFile(absoluteRoot, path, transforms, {
      dry,
      diffs: options.diff === true ? diffs : undefined,
      outputs,
      overlay: options.overlay,
      formatter,
    });
    rows.push(row);
    options.onFile?.(++done, files.length, row);
  }
  rows.sort((a, b) => a.path.localeCompare(b.path));
  return {
    root: absoluteRoot,
    dry,
    rows,
    diffs,
    outputs,
    warnings,
    interrupted,
    summary: {
      scanned: files.length,
      parsed: rows.filter((r) => r.parsed).length,
      changed: rows.filter((r) => r.status === 'changed').length,
      skipped: rows.filter((r) => r.status === 'skipped').length,
      failed: rows.filter((r) => r.status === 'failed').length,
      rejected: 0,
      durationMs: performance.now() - started,
    },
  };
}

interface FileRunOptions {
  readonly dry: boolean;
  readonly diffs: string[] | undefined;
  readonly outputs: Map<string, string>;
  readonly overlay: ReadonlyMap<string, string> | undefined;
  readonly formatter: Formatter | undefined;
}

async function transformFile(
  root: string,
  path: string,
  transforms: readonly SourceTransform[],
  { dry, diffs, outputs, overlay, formatter }: FileRunOptions,
): Promise<TransformRow> {
  const absolute = join(root, path);
  const overlaid = overlay?.get(path);
  const read =
    overlaid === undefined
      ? await readSourceFile(absolute)
      : ({ kind: 'source', source: overlaid } as const);
  if (read.kind !== 'source')
    return {
      path,
      status: read.kind,
      parsed: false,
      transforms: [],
      reason: read.reason,
      events: [],
    };
  const source = read.source;
  const result = transformSource(path, source, transforms);
  const row = {
    path,
    status: result.status,
    parsed: result.parsed,
    transforms: result.transforms,
    events: result.events,
    ...(result.reason === undefined ? {} : { reason: result.reason }),
  };
  if (result.output === undefined) return row;
  const output =
    formatter === undefined ? result.output : await formatter.format(path, result.output);
  diffs?.push(unifiedDiff(path, source, output));
  outputs.set(path, output);
  if (!dry) await writeFileAtomic(absolute, output);
  return row;
}

/**
 * The discovered source files, plus the source files an earlier dry phase would have created
 * (they are in the overlay, not on disk yet).
 */
export function withOverlayFiles(
  files: readonly string[],
  overlay: ReadonlyMap<string, string> | undefined,
): string[] {
  if (overlay === undefined) return [...files];
  const known = new Set(files);
  const created = [...overlay.keys()].filter(
    (path) => !known.has(path) && SOURCE_EXTENSIONS.some((extension) => path.endsWith(extension)),
  );
  return [...files, ...created];
}

/** A unified diff in the form git and patch print (no separator line, no trailing tabs). */
function unifiedDiff(path: string, before: string, after: string): string {
  return createTwoFilesPatch(`a/${path}`, `b/${path}`, before, after, '', '', { context: 3 })
    .replace(/^=+\n/, '')
    .replace(/\t$/gm, '');
}
