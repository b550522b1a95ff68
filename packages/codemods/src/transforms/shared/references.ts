import type { ASTPath } from 'jscodeshift';
import { NON_CHILD_FIELDS } from '../../audit/astIndex.js';

interface LooseNode {
  readonly type: string;
  readonly [field: string]: unknown;
}

/**
 * Whether an identifier refers to a binding (a value or a type), rather than naming a property,
 * a key, an import or export specifier, or the right side of `ns.X`.
 */
export function isReference(path: ASTPath): boolean {
  const parentPath = path.parent as ASTPath | null;
  return isReferenceIn(
    path.node,
    parentPath?.node as LooseNode | undefined,
    (parentPath?.parent as ASTPath | null)?.node as LooseNode | undefined,
  );
}

/** {@link isReference} on bare nodes: the identifier, its parent and its grandparent. */
function isReferenceIn(
  node: unknown,
  parent: LooseNode | undefined,
  grandparent: LooseNode | undefined,
): boolean {
  if (parent === undefined) return true;
  switch (parent.type) {
    case 'ImportSpecifier':
    case 'ImportDefaultSpecifier':
    case 'ImportNamespaceSpecifier':
    case 'ExportSpecifier':
      return false;
    case 'MemberExpression':
    case 'OptionalMemberExpression':
      return parent['object'] === node || parent['computed'] === true;
    case 'ObjectProperty':
    case 'Property': {
      // A destructuring pattern declares names; it does not refer to them.
      if (grandparent?.type === 'ObjectPattern') return false;
      // In `{ a }` the value is the reference; keys are names.
      return parent['value'] === node && (parent['key'] !== node || parent['shorthand'] === true);
    }
    case 'ClassProperty':
    case 'ClassMethod':
    case 'ObjectMethod':
    case 'ClassPrivateProperty':
    case 'TSPropertySignature':
    case 'TSMethodSignature':
    case 'MethodDefinition':
      return parent['key'] !== node || parent['computed'] === true;
    case 'TSQualifiedName':
      return parent['left'] === node;
    case 'VariableDeclarator':
      return parent['id'] !== node;
    case 'LabeledStatement':
    case 'BreakStatement':
    case 'ContinueStatement':
      return false;
    default:
      return true;
  }
}

/**
 * The names referenced anywhere under `root` (a bare AST node), by a plain walk over the node
 * objects: far cheaper than a jscodeshift `find`, which builds a path object for every node.
 */
export function referencedNames(root: unknown): Set<string> {
  const names = new Set<string>();
  const walk = (
    node: LooseNode,
    parent: LooseNode | undefined,
    grandparent: LooseNode | undefined,
  ): void => {
    if (node.type === 'Identifier' && isReferenceIn(node, parent, grandparent))
      names.add(node['name'] as string);
    for (const key in node) {
      if (NON_CHILD_FIELDS.has(key)) continue;
      const value = node[key];
      if (Array.isArray(value)) {
        for (const item of value as unknown[]) {
          if (isNode(item)) walk(item, node, parent);
        }
      } else if (isNode(value)) walk(value, node, parent);
    }
  };
  if (isNode(root)) walk(root, undefined, undefined);
  return names;
}

function isNode(value: unknown): value is LooseNode {
  return (
    typeof value === 'object' && value !== null && typeof (value as LooseNode).type === 'string'
  );
}
