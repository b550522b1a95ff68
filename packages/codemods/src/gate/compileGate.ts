import { resolve } from 'node:path';
import type * as TypeScript from 'typescript';
import { addedDiagnostics, diagnosticsOf, type FileDiagnostic } from './diagnosticDelta.js';
import {
  loadTypeScript,
  groupByTsconfig,
  OverlayHost,
  parseProject,
  type Ts,
} from './typeScriptProject.js';

/** A rewrite the gate kept from being written, with the diagnostics it would have added. */
export interface GateRejection {
  readonly path: string;
  readonly diagnostics: readonly string[];
}

/** What the compile gate decided about a phase's rewrites. */
export interface GateVerdict {
  /** Rewrites that add no diagnostic (or that no type check covers: see `unchecked`). */
  readonly accepted: readonly string[];
  readonly rejected: readonly GateRejection[];
  /** Rewritten files no type check could judge, and why; accepted (the parse check still holds). */
  readonly unchecked: readonly UncheckedFile[];
  /** Files type-checked before and after (the rewritten ones and the files that import them). */
  readonly checkedFiles: number;
  readonly durationMs: number;
}

/** A rewrite the gate could not judge. */
export interface UncheckedFile {
  readonly path: string;
  readonly why: string;
}

/** What the repository looked like before the phase, and what the phase would write. */
export interface GateInput {
  readonly root: string;
  /** Root-relative path → the rewritten text. */
  readonly rewrites: ReadonlyMap<string, string>;
  /** Root-relative path → text not on disk yet (what earlier dry phases would have written). */
  readonly overlay?: ReadonlyMap<string, string>;
}

/** Compiler options for files no tsconfig governs: lenient, as a bare `tsc file.ts` would be. */
function looseOptions(ts: Ts): TypeScript.CompilerOptions {
  return {
    allowJs: true,
    checkJs: false,
    noEmit: true,
    skipLibCheck: true,
    strict: false,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
  };
}

/**
 * Type-checks a phase's rewrites before anything is written: the consumer's own program (its
 * nearest `tsconfig.json`), once as it is and once rewritten, over the rewritten files and the
 * files that import them. A rewrite that adds a diagnostic to its own file, or to a file that
 * imports it, is rejected; the rest are checked again without it, until what is left adds
 * nothing. Files no tsconfig includes are checked alone with lenient options when they are
 * TypeScript, and otherwise reported as unchecked.
 */
export async function compileGate(input: GateInput): Promise<GateVerdict> {
  const started = performance.now();
  const root = resolve(input.root);
  const ts = await loadTypeScript();
  const { projects, loose } = groupByTsconfig(root, input.rewrites.keys());
  const verdicts: ProjectVerdict[] = [];
  for (const [tsconfig, paths] of projects) {
    const project = parseProject(ts, tsconfig);
    if (!project.ok) {
      const why = project.reason;
      verdicts.push({
        rejected: [],
        unchecked: paths.map((path) => ({ path, why })),
        checkedFiles: 0,
      });
      continue;
    }
    const included = new Set(project.files);
    const inProject = paths.filter((path) => included.has(resolve(root, path)));
    verdicts.push(
      gateProject(ts, root, input, inProject, project.options, project.files),
      // Not included by the tsconfig next to them (e.g. scripts): judged alone.
      gateLoose(
        ts,
        root,
        input,
        paths.filter((path) => !included.has(resolve(root, path))),
      ),
    );
  }
  verdicts.push(gateLoose(ts, root, input, loose));
  const rejected = verdicts.flatMap((verdict) => verdict.rejected);
  const unchecked = verdicts.flatMap((verdict) => verdict.unchecked);
  const refused = new Set(rejected.map((rejection) => rejection.path));
  return {
    accepted: [...input.rewrites.keys()].filter((path) => !refused.has(path)),
    rejected,
    unchecked,
    checkedFiles: verdicts.reduce((sum, verdict) => sum + verdict.checkedFiles, 0),
    durationMs: performance.now() - started,
  };
}

interface ProjectVerdict {
  readonly rejected: GateRejection[];
  readonly unchecked: UncheckedFile[];
  readonly checkedFiles: number;
}

/**
 * `Cannot find module '@aet/…'`: the SSOT (or the legacy shims) is not installed where the
 * consumer's program looks, so nothing typed against it can be judged. Such a file is
 * unchecked, not rejected: the migration adds the dependency, and `npm install` brings it.
 */
function isMissingAetModule(diagnostic: FileDiagnostic): boolean {
  return /^TS(2307|2792) Cannot find module '@aet\//.test(diagnostic.key);
}

function gateLoose(ts: Ts, root: string, input: GateInput, paths: string[]): ProjectVerdict {
  const typed = paths.filter((path) => /\.(c|m)?tsx?$/.test(path) && !/\.d\.(c|m)?ts$/.test(path));
  const rest = paths
    .filter((path) => !typed.includes(path))
    .map((path) => ({
      path,
      why: 'no tsconfig.json includes it, and JavaScript is checked only under checkJs',
    }));
  const verdict = gateProject(
    ts,
    root,
    input,
    typed,
    looseOptions(ts),
    typed.map((path) => resolve(root, path)),
  );
  return { ...verdict, unchecked: [...verdict.unchecked, ...rest] };
}

/** The gate over the rewrites `paths` of one program. */
function gateProject(
  ts: Ts,
  root: string,
  input: GateInput,
  paths: readonly string[],
  options: TypeScript.CompilerOptions,
  rootNames: readonly string[],
): ProjectVerdict {
  if (paths.length === 0) return { rejected: [], unchecked: [], checkedFiles: 0 };
  const unresolved = new Set<string>();
  const beforeTexts = new Map<string, string>();
  for (const [path, text] of input.overlay ?? []) beforeTexts.set(resolve(root, path), text);
  const host = new OverlayHost(ts, options, beforeTexts);
  const before = host.createProgram(rootNames, options);
  const keyOf = new Map(paths.map((path) => [resolve(root, path), path]));
  const rewritten = new Set(keyOf.keys());
  const importsOf = importedRewrites(ts, before, options, host.host, rewritten);
  const checked = [...rewritten, ...importsOf.keys()];
  const baseline = new Map(checked.map((file) => [file, diagnosticsOf(ts, before, file, root)]));

  const remaining = new Set(rewritten);
  const rejected: GateRejection[] = [];
  let previous = before;
  while (remaining.size > 0) {
    const afterTexts = new Map(beforeTexts);
    for (const file of remaining) {
      const text = input.rewrites.get(keyOf.get(file) ?? file);
      if (text !== undefined) afterTexts.set(file, text);
    }
    host.useTexts(afterTexts);
    const after = host.createProgram(rootNames, options, previous);
    previous = after;
    const culprits = new Map<string, FileDiagnostic[]>();
    for (const file of checked) {
      const added = addedDiagnostics(
        baseline.get(file) ?? [],
        diagnosticsOf(ts, after, file, root),
      ).filter((diagnostic) => {
        if (!isMissingAetModule(diagnostic)) return true;
        unresolved.add(file);
        return false;
      });
      if (added.length === 0) continue;
      // Its own rewrite broke it, or the rewrites it imports did (all of them, to be safe).
      const blamed = remaining.has(file)
        ? [file]
        : [...(importsOf.get(file) ?? [])].filter((dependency) => remaining.has(dependency));
      for (const culprit of blamed.length > 0 ? blamed : [...remaining])
        culprits.set(culprit, [...(culprits.get(culprit) ?? []), ...added]);
    }
    if (culprits.size === 0) break;
    for (const [file, added] of culprits) {
      remaining.delete(file);
      rejected.push({
        path: keyOf.get(file) ?? file,
        diagnostics: added.map((diagnostic) => diagnostic.text),
      });
    }
  }
  const why = 'an @aet/* module it imports is not installed: run npm install, then aet check';
  const unchecked = [...unresolved]
    .filter((file) => remaining.has(file))
    .map((file) => ({ path: keyOf.get(file) ?? file, why }));
  return { rejected, unchecked, checkedFiles: checked.length };
}

/** Which of the rewritten files each other file of the program imports directly. */
function importedRewrites(
  ts: Ts,
  program: TypeScript.Program,
  options: TypeScript.CompilerOptions,
  host: TypeScript.CompilerHost,
  rewritten: ReadonlySet<string>,
): Map<string, Set<string>> {
  const importers = new Map<string, Set<string>>();
  for (const sourceFile of program.getSourceFiles()) {
    const file = resolve(sourceFile.fileName);
    if (sourceFile.isDeclarationFile || file.includes('/node_modules/') || rewritten.has(file))
      continue;
    const { importedFiles } = ts.preProcessFile(sourceFile.text, true, true);
    for (const imported of importedFiles) {
      const resolved = ts.resolveModuleName(imported.fileName, file, options, host).resolvedModule;
      if (resolved === undefined) continue;
      const target = resolve(resolved.resolvedFileName);
      if (!rewritten.has(target)) continue;
      let targets = importers.get(file);
      if (targets === undefined) importers.set(file, (targets = new Set()));
      targets.add(target);
    }
  }
  return importers;
}
