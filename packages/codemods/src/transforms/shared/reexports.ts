import type { ASTPath, ExportNamedDeclaration } from 'jscodeshift';
import type { LegacyApi } from '../../audit/rules/legacyModules.js';
import { legacyApiOfModule } from '../../audit/rules/legacyModules.js';
import type { LegacyFile } from './legacyFile.js';
import { SHARED_NAMES } from './legacyNames.js';
import { removeStatementKeepingComments } from './statements.js';

/** The file's `export { … } from '<legacy module>'` declarations. */
export function legacyReexports(file: LegacyFile): ASTPath<ExportNamedDeclaration>[] {
  return file.body.filter((path) => {
    const node = path.node as { type: string; source?: { value: unknown } | null };
    const source = node.source?.value;
    return (
      node.type === 'ExportNamedDeclaration' &&
      typeof source === 'string' &&
      legacyApiOfModule(source, file.scan.config).legacy
    );
  }) as ASTPath<ExportNamedDeclaration>[];
}

interface SpecifierLike {
  readonly local?: { readonly name: unknown } | null;
  readonly exported?: { readonly name: unknown } | null;
}

function exportedName(specifier: object): string {
  const { exported, local } = specifier as SpecifierLike;
  return String(exported?.name ?? local?.name);
}

function localName(specifier: object): string {
  const { exported, local } = specifier as SpecifierLike;
  return String(local?.name ?? exported?.name);
}

/**
 * In a barrel, re-exports of names the SSOT module exports with the same meaning
 * (`AgentExecutionPhase`) are re-exported from the SSOT module instead, so the barrel's importers
 * keep working unchanged.
 */
export function retargetSharedReexports(file: LegacyFile, api: LegacyApi): boolean {
  const { j } = file;
  let changed = false;
  for (const path of legacyReexports(file)) {
    const specifiers = path.node.specifiers ?? [];
    const shared = specifiers.filter((s) => SHARED_NAMES[localName(s)] === api);
    if (shared.length === 0) continue;
    changed = true;
    const target = j.stringLiteral(file.targetModule);
    if (shared.length === specifiers.length) {
      path.node.source = target;
      continue;
    }
    path.node.specifiers = specifiers.filter((s) => !shared.includes(s));
    const moved = j.exportNamedDeclaration(null, shared, target);
    moved.exportKind = path.node.exportKind;
    j(path).insertAfter(moved);
  }
  return changed;
}

/**
 * Removes legacy re-exports that no file of the repository imports from this barrel any more;
 * returns the names still imported (which keep their re-export).
 */
export function removeUnusedReexports(
  file: LegacyFile,
  moduleKey: string,
): { removed: boolean; kept: string[] } {
  const imported = file.scan.localImports.get(moduleKey) ?? new Set<string>();
  let removed = false;
  const kept: string[] = [];
  for (const path of legacyReexports(file)) {
    const specifiers = path.node.specifiers ?? [];
    const used = specifiers.filter((s) => imported.has('*') || imported.has(exportedName(s)));
    kept.push(...used.map(exportedName));
    if (used.length === specifiers.length) continue;
    removed = true;
    if (used.length > 0) path.node.specifiers = used;
    else if (!removeStatementKeepingComments(path))
      file.j(path).replaceWith(file.j.exportNamedDeclaration(null, []));
  }
  return { removed, kept };
}
