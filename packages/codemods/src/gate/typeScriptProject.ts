import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type * as TypeScript from 'typescript';
import type typescript from 'typescript';

/** The `typescript` module, loaded on first use (a migration with the gate off never loads it). */
export type Ts = typeof typescript;

let loaded: Promise<Ts> | undefined;

/** Loads `typescript` once per process. */
export function loadTypeScript(): Promise<Ts> {
  // A CommonJS module: its exports are the default export of the ES module import.
  loaded ??= import('typescript').then((module) => module.default);
  return loaded;
}

/**
 * The `tsconfig.json` that governs a file: the nearest one above it, up to the repository root;
 * `undefined` when there is none.
 */
export function nearestTsconfig(root: string, path: string): string | undefined {
  let dir = dirname(resolve(root, path));
  const top = resolve(root);
  for (;;) {
    const candidate = join(dir, 'tsconfig.json');
    if (existsSync(candidate)) return candidate;
    if (dir === top || !isInside(top, dir)) return undefined;
    dir = dirname(dir);
  }
}

/**
 * Root-relative `paths` grouped by the `tsconfig.json` that governs each (see
 * {@link nearestTsconfig}), and those no tsconfig governs.
 */
export function groupByTsconfig(
  root: string,
  paths: Iterable<string>,
): { readonly projects: Map<string, string[]>; readonly loose: string[] } {
  const projects = new Map<string, string[]>();
  const loose: string[] = [];
  for (const path of paths) {
    const tsconfig = nearestTsconfig(root, path);
    if (tsconfig === undefined) {
      loose.push(path);
      continue;
    }
    let group = projects.get(tsconfig);
    if (group === undefined) projects.set(tsconfig, (group = []));
    group.push(path);
  }
  return { projects, loose };
}

function isInside(top: string, dir: string): boolean {
  const rel = relative(top, dir);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep));
}

/** A tsconfig's compiler options and root files, or why it cannot be read. */
export type ParsedProject =
  | { readonly ok: true; readonly options: TypeScript.CompilerOptions; readonly files: string[] }
  | { readonly ok: false; readonly reason: string };

/** Reads a `tsconfig.json` the way `tsc -p` does (extends, include, exclude, references' files). */
export function parseProject(ts: Ts, tsconfigPath: string): ParsedProject {
  const problems: string[] = [];
  const parsed = ts.getParsedCommandLineOfConfigFile(
    tsconfigPath,
    { noEmit: true },
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        problems.push(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  if (parsed === undefined || problems.length > 0)
    return { ok: false, reason: `cannot read ${tsconfigPath}: ${problems.join('; ')}` };
  const options = { ...parsed.options, noEmit: true, incremental: false, composite: false };
  delete options.tsBuildInfoFile;
  return { ok: true, options, files: parsed.fileNames.map((file) => resolve(file)) };
}

/**
 * Parsed files by path and language version, for the whole process: the libraries and
 * `node_modules` types every program of a migration shares are parsed once, and a program over
 * mostly the same texts reuses the unchanged files' trees (TypeScript reuses what it is handed).
 */
const sourceFiles = new Map<string, TypeScript.SourceFile>();

/** A compiler host that reads the given texts instead of the disk's. */
export class OverlayHost {
  readonly host: TypeScript.CompilerHost;

  constructor(
    private readonly ts: Ts,
    options: TypeScript.CompilerOptions,
    private texts: ReadonlyMap<string, string>,
  ) {
    const base = ts.createCompilerHost(options, true);
    this.host = {
      ...base,
      fileExists: (file) => this.texts.has(resolve(file)) || base.fileExists(file),
      readFile: (file) => this.texts.get(resolve(file)) ?? base.readFile(file),
      getSourceFile: (file, languageVersion) => {
        const text = this.texts.get(resolve(file)) ?? base.readFile(file);
        if (text === undefined) return undefined;
        const { languageVersion: version, impliedNodeFormat: format } =
          typeof languageVersion === 'number' ? { languageVersion } : languageVersion;
        const key = `${file}\0${String(version)}\0${String(format)}`;
        const cached = sourceFiles.get(key);
        if (cached?.text === text) return cached;
        const created = ts.createSourceFile(file, text, languageVersion, true);
        sourceFiles.set(key, created);
        return created;
      },
    };
  }

  /** Serves these texts from now on (absolute paths). */
  useTexts(texts: ReadonlyMap<string, string>): void {
    this.texts = texts;
  }

  createProgram(
    rootNames: readonly string[],
    options: TypeScript.CompilerOptions,
    oldProgram?: TypeScript.Program,
  ): TypeScript.Program {
    return this.ts.createProgram({ rootNames, options, host: this.host, oldProgram });
  }
}
