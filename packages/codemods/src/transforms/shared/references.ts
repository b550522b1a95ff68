import type { ASTPath } from 'jscodeshift';

interface LooseNode {
  readonly type: string;
  readonly [field: string]: unknown;
}

/**
 * Whether an identifier refers to a binding (a value or a type), rather than naming a property,
 * a key, an import or export specifier, or the right side of `ns.X`.
 */
export function isReference(path: ASTPath): boolean {
  const node = path.node;
  const parent = (path.parent as ASTPath | null)?.node as LooseNode | undefined;
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
      const grandparent = ((path.parent as ASTPath | null)?.parent as ASTPath | null)?.node as
        LooseNode | undefined;
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
