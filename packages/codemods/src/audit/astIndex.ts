import { parse, type ParserPlugin } from '@babel/parser';

/** A node of the Babel AST, read loosely: rules check `type` before using fields. */
export interface AstNode {
  readonly type: string;
  readonly loc?: { readonly start: { readonly line: number; readonly column: number } } | null;
  readonly [field: string]: unknown;
}

/** The node kinds the audit rules read, collected in one walk, with each node's parent. */
export interface AstIndex {
  readonly byType: ReadonlyMap<string, readonly AstNode[]>;
  parentOf(node: AstNode): AstNode | undefined;
  /** Nodes of `type`, in source order. */
  of(type: string): readonly AstNode[];
}

/**
 * Fields that hold positions, comments or recast's copy of the original, never child nodes: any
 * plain walk over an AST (the audit's index, the transforms' reference walk) skips them.
 */
export const NON_CHILD_FIELDS: ReadonlySet<string> = new Set([
  'original',
  'loc',
  'start',
  'end',
  'extra',
  'range',
  'comments',
  'leadingComments',
  'trailingComments',
  'innerComments',
  'tokens',
]);

/** The node types any rule reads; everything else is walked through, not kept. */
const INDEXED_TYPES = new Set([
  'ImportDeclaration',
  'ExportNamedDeclaration',
  'ExportAllDeclaration',
  'CallExpression',
  'OptionalCallExpression',
  'ImportExpression',
  'NewExpression',
  'TemplateLiteral',
  'TSEnumDeclaration',
  'VariableDeclarator',
  'ClassProperty',
  'PropertyDefinition',
  'AssignmentExpression',
]);

function pluginsFor(path: string): ParserPlugin[] {
  const common: ParserPlugin[] = [
    'decorators-legacy',
    'importAttributes',
    'explicitResourceManagement',
  ];
  if (path.endsWith('.d.ts')) return [['typescript', { dts: true }], ...common];
  if (path.endsWith('.ts')) return ['typescript', ...common];
  return ['typescript', 'jsx', ...common];
}

/**
 * Parses a file for reading only: Babel's parser with the plugins its extension needs (no tokens,
 * no reprint shadow copy: the audit never prints). Throws Babel's SyntaxError, which carries
 * `loc`, on a file that does not parse.
 */
export function parseForAudit(path: string, source: string): AstNode {
  return parse(source, {
    sourceType: 'unambiguous',
    allowReturnOutsideFunction: true,
    allowImportExportEverywhere: true,
    allowAwaitOutsideFunction: true,
    errorRecovery: false,
    plugins: pluginsFor(path),
  }) as unknown as AstNode;
}

/** One iterative walk over the tree, keeping the node kinds the rules read and every parent. */
export function indexAst(ast: AstNode): AstIndex {
  const byType = new Map<string, AstNode[]>();
  const parents = new Map<AstNode, AstNode>();
  const stack: AstNode[] = [ast];
  while (stack.length > 0) {
    const node = stack.pop() as AstNode;
    if (INDEXED_TYPES.has(node.type)) {
      let list = byType.get(node.type);
      if (list === undefined) byType.set(node.type, (list = []));
      list.push(node);
    }
    const children: AstNode[] = [];
    for (const key in node) {
      if (NON_CHILD_FIELDS.has(key)) continue;
      const value = node[key];
      if (Array.isArray(value)) {
        for (const item of value) if (isNode(item)) children.push(item);
      } else if (isNode(value)) {
        children.push(value);
      }
    }
    // Pushed in reverse so that nodes are visited, and kept, in source order.
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i] as AstNode;
      parents.set(child, node);
      stack.push(child);
    }
  }
  return {
    byType,
    parentOf: (node) => parents.get(node),
    of: (type) => byType.get(type) ?? [],
  };
}

function isNode(value: unknown): value is AstNode {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { type?: unknown }).type === 'string'
  );
}
