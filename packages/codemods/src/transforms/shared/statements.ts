import type { ASTPath, JSCodeshift } from 'jscodeshift';

interface Commented {
  comments?: { leading?: boolean; trailing?: boolean }[] | null;
}

/**
 * Removes a statement, keeping its leading comments: they move to the next statement, or to the
 * previous one when it was the last. Returns false when it is the only statement (the caller
 * replaces it instead, so the comments survive).
 */
export function removeStatementKeepingComments(path: ASTPath): boolean {
  const parent = path.parent as ASTPath | null;
  const body = (parent?.node as { body?: unknown }).body;
  const siblings = Array.isArray(body) ? (body as Commented[]) : undefined;
  const node = path.node as Commented;
  const leading = (node.comments ?? []).filter((comment) => comment.leading !== false);
  if (leading.length > 0 && siblings !== undefined) {
    const index = siblings.indexOf(node);
    const next = siblings[index + 1];
    const previous = siblings[index - 1];
    if (next !== undefined) next.comments = [...leading, ...(next.comments ?? [])];
    else if (previous !== undefined)
      previous.comments = [
        ...(previous.comments ?? []),
        ...leading.map((comment) => ({ ...comment, leading: false, trailing: true })),
      ];
    else return false;
  }
  path.prune();
  return true;
}

/** A name not bound or referenced in the file (`preferred`, else `preferred2`, …), now taken. */
function freshName(names: Set<string>, preferred: string): string {
  let name = preferred;
  for (let n = 2; names.has(name); n++) name = `${preferred}${String(n)}`;
  names.add(name);
  return name;
}

/**
 * Binds `expression`, an argument of the call at `callPath`, to a new `const` declared just
 * before the statement `const x = call(…)` that holds the call, and returns the name's
 * identifier; undefined when the call is anything else (a nested call, an expression statement
 * with more in it, a `let` list), where moving the evaluation earlier could change what runs.
 * The caller makes sure that what was evaluated before the argument is free of effects.
 */
export function bindBeforeDeclaration(
  j: JSCodeshift,
  callPath: ASTPath,
  expression: object,
  names: { taken: Set<string>; preferred: string },
): { readonly type: 'Identifier'; readonly name: string } | undefined {
  const declarator = callPath.parent as ASTPath | null;
  const declaratorNode = declarator?.node as { type?: string; init?: unknown } | undefined;
  if (declaratorNode?.type !== 'VariableDeclarator' || declaratorNode.init !== callPath.node)
    return undefined;
  const declaration = declarator?.parent as ASTPath | null;
  if (declaration === null) return undefined;
  const declarationNode = declaration.node as { declarations?: unknown[] };
  if (declarationNode.declarations?.length !== 1) return undefined;
  const container = (declaration.parent as ASTPath | null)?.node as { body?: unknown } | undefined;
  if (!Array.isArray(container?.body)) return undefined;
  const name = freshName(names.taken, names.preferred);
  const binding = j.variableDeclaration('const', [
    j.variableDeclarator(j.identifier(name), expression as never),
  ]);
  // Comments above the statement stay above what is now its first line.
  const node = declaration.node as Commented;
  (binding as Commented).comments = node.comments;
  node.comments = null;
  declaration.insertBefore(binding);
  return j.identifier(name);
}
