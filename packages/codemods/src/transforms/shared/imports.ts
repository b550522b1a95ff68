import type { ASTPath, ImportDeclaration, VariableDeclarator } from 'jscodeshift';
import { identifierName, type LegacyBinding, type LegacyFile, type Node } from './legacyFile.js';
import type { LegacyApi } from '../../audit/rules/legacyModules.js';
import { SHARED_NAMES } from './legacyNames.js';
import { removeStatementKeepingComments } from './statements.js';

/** Whether the file is CommonJS (a `.cjs` file, or one that requires and never imports). */
export function isCommonJs(file: LegacyFile): boolean {
  if (file.path.endsWith('.cjs')) return true;
  if (file.path.endsWith('.mjs')) return false;
  return (
    file.index.of('ImportDeclaration').length === 0 &&
    file.bindings.some((binding) => binding.form === 'require')
  );
}

/**
 * Whether `name` is bound or referenced in the file other than by an import of `module`. A
 * legacy binding of the same name that means the same in the SSOT module (`getExecutionTracker`)
 * does not count when it moves to the SSOT module's import in this phase (`moving`: the phase's
 * API, or any when not said).
 */
function nameTaken(file: LegacyFile, name: string, moving: LegacyApi | undefined): boolean {
  const shared = file.binding(name);
  const sharedApi = SHARED_NAMES[name];
  if (
    shared !== undefined &&
    shared.imported === name &&
    sharedApi !== undefined &&
    (moving === undefined || moving === sharedApi)
  )
    return false;
  return file.names.has(name);
}

/** The file's imports of `module`, as the tree is now. */
function importsOf(file: LegacyFile, module: string): ASTPath<ImportDeclaration>[] {
  return file.body.filter((path) => {
    const node = path.node as Node;
    return (
      node.type === 'ImportDeclaration' && (node['source'] as { value: unknown }).value === module
    );
  }) as ASTPath<ImportDeclaration>[];
}

/**
 * Makes `name` of the SSOT module available in the file and returns the local name to use: an
 * existing import of it is reused, another import of the module gets one more specifier, or a
 * new import (or, in CommonJS, a `require`) is added beside the legacy imports. A name already
 * taken in the file is imported under an alias (`ssotName`).
 */
export function ensureTargetImport(
  file: LegacyFile,
  name: string,
  options: { typeOnly?: boolean; local?: string; moving?: LegacyApi } = {},
): string {
  const { j } = file;
  const module = file.targetModule;
  const typeOnly = options.typeOnly === true;
  const commonJs = isCommonJs(file);
  const imports = importsOf(file, module);
  for (const path of imports) {
    for (const specifier of path.node.specifiers ?? []) {
      if (specifier.type !== 'ImportSpecifier' || specifier.imported.name !== name) continue;
      const local = identifierName(specifier.local?.name) || name;
      // A binding moving here keeps its own local name: another alias of the name is no use.
      if (options.local !== undefined && local !== options.local) continue;
      const specifierTypeOnly =
        path.node.importKind === 'type' ||
        (specifier as { importKind?: string }).importKind === 'type';
      if (specifierTypeOnly && !typeOnly) {
        if (path.node.importKind === 'type') continue;
        (specifier as { importKind?: string }).importKind = 'value';
      }
      return local;
    }
  }
  let local = options.local ?? name;
  // A local name given by the caller is the caller's to claim (a binding moving here).
  if (options.local === undefined && nameTaken(file, local, options.moving))
    local = `ssot${name.charAt(0).toUpperCase()}${name.slice(1)}`;
  const specifier = j.importSpecifier(
    j.identifier(name),
    local === name ? null : j.identifier(local),
  );
  if (commonJs) {
    addRequire(file, name, local);
    return local;
  }
  const valueImport = imports.find((path) => path.node.importKind !== 'type');
  const typeImport = imports.find((path) => path.node.importKind === 'type');
  if (valueImport !== undefined) {
    if (typeOnly) (specifier as { importKind?: string }).importKind = 'type';
    valueImport.node.specifiers = [...(valueImport.node.specifiers ?? []), specifier];
    return local;
  }
  if (typeOnly && typeImport !== undefined) {
    typeImport.node.specifiers = [...(typeImport.node.specifiers ?? []), specifier];
    return local;
  }
  const declaration = j.importDeclaration([specifier], j.stringLiteral(module));
  if (typeOnly) declaration.importKind = 'type';
  insertImport(file, declaration);
  return local;
}

function insertImport(file: LegacyFile, declaration: ImportDeclaration): void {
  const { j, root } = file;
  const all = file.body.filter((path) => (path.node as Node).type === 'ImportDeclaration');
  const legacy = file.bindings
    .filter((binding) => binding.form === 'import')
    .map((binding) => binding.declaration as ASTPath<ImportDeclaration>);
  // Beside the last legacy import, so a file's header comment stays on top.
  const anchor = legacy.length > 0 ? legacy[legacy.length - 1] : all[all.length - 1];
  if (anchor !== undefined && anchor.parent !== null) {
    j(anchor).insertAfter(declaration);
    return;
  }
  const body = (root.get() as ASTPath<{ program: { body: unknown[] } }>).node.program.body;
  body.unshift(declaration);
}

function addRequire(file: LegacyFile, name: string, local: string): void {
  const { j, root } = file;
  const module = file.targetModule;
  // Reuse an existing `const { … } = require(module)`.
  const existing = file.body
    .flatMap((path) => {
      const node = path.node as Node;
      return node.type === 'VariableDeclaration' ? (node['declarations'] as Node[]) : [];
    })
    .find((declarator) => {
      const init = declarator['init'] as Node | null;
      const args = init?.type === 'CallExpression' ? (init['arguments'] as Node[]) : [];
      return (
        (declarator['id'] as Node).type === 'ObjectPattern' &&
        (init?.['callee'] as Node | undefined)?.['name'] === 'require' &&
        args[0]?.['value'] === module
      );
    });
  const property = j.objectProperty(j.identifier(name), j.identifier(local));
  if (name === local) property.shorthand = true;
  if (existing !== undefined) {
    (existing['id'] as { properties: unknown[] }).properties.push(property);
    return;
  }
  const statement = j.variableDeclaration('const', [
    j.variableDeclarator(
      j.objectPattern([property]),
      j.callExpression(j.identifier('require'), [j.stringLiteral(module)]),
    ),
  ]);
  const legacy = file.bindings.find((binding) => binding.form === 'require');
  const anchor = legacy?.declaration.parent as ASTPath | undefined;
  if (anchor !== undefined) j(anchor).insertAfter(statement);
  else {
    const body = (root.get() as ASTPath<{ program: { body: unknown[] } }>).node.program.body;
    body.unshift(statement);
  }
}

/**
 * Removes a legacy binding from its import or `require` (the whole declaration when it was the
 * last name), keeping comments. Returns whether it removed anything.
 */
export function removeBinding(file: LegacyFile, binding: LegacyBinding): boolean {
  if (binding.form === 'import') {
    const path = binding.declaration as ASTPath<ImportDeclaration>;
    const specifiers = path.node.specifiers ?? [];
    const remaining = specifiers.filter((specifier) => specifier.local?.name !== binding.local);
    if (remaining.length === specifiers.length) return false;
    if (remaining.length > 0) path.node.specifiers = remaining;
    else if (path.parent !== null && !removeStatementKeepingComments(path))
      file.j(path).replaceWith(file.j.exportNamedDeclaration(null, []));
    return true;
  }
  const path = binding.declaration as ASTPath<VariableDeclarator>;
  const id = path.node.id as Node;
  if (id.type === 'ObjectPattern') {
    const properties = id['properties'] as Node[];
    const remaining = properties.filter(
      (property) => (property['value'] as Node | undefined)?.['name'] !== binding.local,
    );
    if (remaining.length === properties.length) return false;
    if (remaining.length > 0) {
      (id as unknown as { properties: Node[] }).properties = remaining;
      return true;
    }
  }
  const statement = path.parent as ASTPath<{ declarations: unknown[] }> | null;
  if (statement === null) return false;
  if (statement.node.declarations.length > 1) path.prune();
  else removeStatementKeepingComments(statement as unknown as ASTPath);
  return true;
}

/** Removes every binding of `bindings` the file no longer references. */
export function pruneUnreferenced(file: LegacyFile, bindings: readonly LegacyBinding[]): boolean {
  let changed = false;
  const referenced = file.references();
  for (const binding of bindings) {
    if (referenced.has(binding.local)) continue;
    if (removeBinding(file, binding)) changed = true;
  }
  return changed;
}

/**
 * Moves a legacy binding whose name means the same in the SSOT module (`AgentExecutionPhase`) to
 * an import of the SSOT module, under the same local name.
 */
export function moveToTarget(file: LegacyFile, binding: LegacyBinding): boolean {
  // Added before the legacy one goes, so it lands where the legacy import was.
  ensureTargetImport(file, binding.imported, { typeOnly: binding.typeOnly, local: binding.local });
  return removeBinding(file, binding);
}

/** Removes `name` from the file's imports of the SSOT module when nothing references it any more. */
export function pruneTargetImport(file: LegacyFile, name: string): boolean {
  let removed = false;
  const referenced = file.references();
  importsOf(file, file.targetModule).forEach((path) => {
    const specifiers = path.node.specifiers ?? [];
    const kept = specifiers.filter((specifier) => {
      if (specifier.type !== 'ImportSpecifier' || specifier.imported.name !== name) return true;
      return referenced.has(identifierName(specifier.local?.name) || name);
    });
    if (kept.length === specifiers.length) return;
    removed = true;
    if (kept.length > 0) path.node.specifiers = kept;
    else removeStatementKeepingComments(path);
  });
  return removed;
}
