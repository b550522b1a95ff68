import type { ASTPath, TSTypeReference } from 'jscodeshift';
import type { LegacyApi } from '../../audit/rules/legacyModules.js';
import { legacyTokens } from '../../audit/rules/legacyModules.js';
import type { RepositoryScan } from '../../migration/repositoryScan.js';
import type { SourceTransform, TransformContext } from '../../runner/sourceTransform.js';
import { legacyCallSites, lineOf, startOf, type CallSite } from './callSites.js';
import { Edits } from './edits.js';
import { ensureTargetImport, moveToTarget, pruneUnreferenced } from './imports.js';
import { LegacyFile, type LegacyBinding, type Node } from './legacyFile.js';
import { API_TITLES, LEGACY_CLASSES, LEGACY_TYPES, SHARED_NAMES } from './legacyNames.js';
import { isReference } from './references.js';
import { retargetSharedReexports } from './reexports.js';

/**
 * What a rewrite did: `rewritten` says what changed; `marker` asks a human for something (on its
 * own: the code was left as it was, because no rewrite is safe).
 */
export interface RewriteOutcome {
  readonly rewritten?: string;
  readonly marker?: string;
}

/** Rewrites one legacy method call in place. */
export type MethodRewrite = (site: CallSite, file: LegacyFile) => RewriteOutcome;

/** A legacy construction (`new X(…)`) or getter call, and what replaces it. */
export type ValueRewrite = (
  path: ASTPath,
  node: Node & { arguments: Node[] },
  file: LegacyFile,
  name: string,
) => RewriteOutcome;

/** How one phase moves one legacy API onto the SSOT. */
export interface ApiPhaseSpec {
  readonly name: string;
  readonly api: LegacyApi;
  readonly methods: Readonly<Record<string, MethodRewrite>>;
  /** `new Class(…)` of the API's class. */
  readonly construct: ValueRewrite;
  /** Calls of the API's module-level functions, by legacy name. */
  readonly functions: Readonly<Record<string, ValueRewrite>>;
  /** More work on the file after the API's calls are done (ids, follow-up markers). */
  readonly extra?: (file: LegacyFile, edits: Edits, context: TransformContext) => void;
  /** More strings that make a file a candidate. */
  readonly extraTokens?: readonly string[];
}

/**
 * A transform for one legacy API: method calls on its objects, constructions and getters, type
 * annotations, shared names moved to the SSOT module, re-exports retargeted, unused legacy
 * imports removed; whatever it cannot rewrite safely keeps its legacy code and gets a marker.
 */
export function apiPhaseTransform(spec: ApiPhaseSpec, scan: RepositoryScan): SourceTransform {
  return {
    name: spec.name,
    tokens: [...legacyTokens(scan.config), ...scan.barrelTokens, ...(spec.extraTokens ?? [])],
    files: new Set(scan.typedReceivers.keys()),
    apply: (context) => {
      const file = new LegacyFile(context.j, context.root, context.path, scan);
      const edits = new Edits(file, context.record);
      const mine = file.bindings.filter(
        (binding) =>
          binding.api === spec.api || (binding.imported === '*' && binding.api === undefined),
      );
      if (mine.length > 0 || file.receivers.size > 0) rewriteApi(spec, file, edits);
      if (retargetSharedReexports(file, spec.api)) edits.touched();
      spec.extra?.(file, edits, context);
      if (pruneUnreferenced(file, mine)) edits.touched();
      markLeftovers(file, edits, mine);
      return edits.changed;
    },
  };
}

function rewriteApi(spec: ApiPhaseSpec, file: LegacyFile, edits: Edits): void {
  for (const site of legacyCallSites(file, spec.api)) {
    const rewrite = spec.methods[site.method];
    if (rewrite === undefined) continue;
    report(edits, site.path, site.line, rewrite(site, file));
  }
  // Constructions and getters, innermost first.
  const values: { path: ASTPath; node: Node & { arguments: Node[] }; name: string }[] = [];
  const collect = (path: ASTPath): void => {
    const node = path.node as Node & { arguments: Node[] };
    const named = file.legacyNameOf(node['callee'] as Node);
    if (named?.api !== spec.api) return;
    values.push({ path, node, name: named.name });
  };
  for (const path of file.index.of('NewExpression', 'CallExpression', 'OptionalCallExpression'))
    collect(path);
  values.sort((a, b) => startOf(b.node) - startOf(a.node));
  for (const { path, node, name } of values) {
    const rewrite =
      node.type === 'NewExpression'
        ? LEGACY_CLASSES[name] === undefined
          ? undefined
          : spec.construct
        : spec.functions[name];
    if (rewrite === undefined) continue;
    const line = lineOf(node);
    report(edits, path, line, rewrite(path, node, file, name));
  }
  rewriteTypes(spec, file, edits);
  const referenced = file.references();
  for (const binding of file.bindings) {
    if (binding.viaBarrel || SHARED_NAMES[binding.imported] !== spec.api) continue;
    if (referenced.has(binding.local) && moveToTarget(file, binding)) edits.touched();
  }
}

function report(edits: Edits, path: ASTPath, line: number, outcome: RewriteOutcome): void {
  if (outcome.rewritten !== undefined) edits.rewrote(line, outcome.rewritten);
  if (outcome.marker !== undefined) edits.mark(path, line, outcome.marker);
}

function rewriteTypes(spec: ApiPhaseSpec, file: LegacyFile, edits: Edits): void {
  const { j } = file;
  for (const each of file.index.of('TSTypeReference')) {
    const path = each as ASTPath<TSTypeReference>;
    const named = file.legacyNameOf(path.node.typeName as Node);
    if (named === undefined) continue;
    const replacement = LEGACY_TYPES[named.name];
    if (replacement?.api !== spec.api) continue;
    const line = lineOf(path.node);
    const local = ensureType(file, replacement.target);
    path.node.typeName = j.identifier(local);
    edits.rewrote(line, `type ${named.name} → ${replacement.target}`);
    if (replacement.marker !== undefined) edits.mark(path, line, replacement.marker);
  }
}

function ensureType(file: LegacyFile, name: string): string {
  return ensureTargetImport(file, name, { typeOnly: true });
}

/**
 * Marks every reference to a binding of the API that is still in the file after the rewrites:
 * code the transform could not move safely (a class used as a value, an unknown method).
 */
export function markLeftovers(
  file: LegacyFile,
  edits: Edits,
  bindings: readonly LegacyBinding[],
): void {
  const referenced = file.references();
  const locals = new Set(
    bindings.map((binding) => binding.local).filter((local) => referenced.has(local)),
  );
  if (locals.size === 0) return;
  // One fresh walk for the names still used: the tree has been edited.
  const identifiers = new Map<string, ASTPath[]>();
  file.root.find(file.j.Identifier).forEach((path: ASTPath) => {
    const name = (path.node as { name: string }).name;
    if (!locals.has(name) || !isReference(path)) return;
    identifiers.set(name, [...(identifiers.get(name) ?? []), path]);
  });
  for (const binding of bindings) {
    if (SHARED_NAMES[binding.imported] !== undefined || binding.api === undefined) continue;
    const title = `legacy ${API_TITLES[binding.api]}`;
    for (const path of identifiers.get(binding.local) ?? []) {
      if (edits.isMarked(path)) continue;
      const line = lineOf(path.node);
      edits.mark(
        path,
        line,
        `${binding.local} is still the ${title} here: no safe rewrite; move this code to the tracker by hand`,
      );
    }
  }
}
