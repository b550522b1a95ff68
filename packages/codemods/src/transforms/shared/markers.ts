import type { ASTPath, JSCodeshift } from 'jscodeshift';

/** The marker the codemods leave for a human; the audit lists every one (AET190). */
export const MARKER = 'TODO(aet)';

// Nodes a line comment can sit above.
const ANCHORS = new Set(['ClassProperty', 'ClassPrivateProperty', 'ClassMethod']);
// Members of an interface are anchors too, but not those of an inline type literal (a
// parameter's `{ tracker?: T }`): a comment there is printed inside the braces, and moves.
// (ast-types counts them as declarations, so as statements: they are told apart here.)
const TYPE_MEMBERS = new Set([
  'TSPropertySignature',
  'TSMethodSignature',
  'TSIndexSignature',
  'TSCallSignatureDeclaration',
  'TSConstructSignatureDeclaration',
]);

interface Commentable {
  type: string;
  comments?: { value: string; leading?: boolean }[] | null;
}

/** The statement (or class member, or property) a marker for `path` goes above. */
export function markerAnchor(j: JSCodeshift, path: ASTPath): ASTPath {
  let current: ASTPath | null = path;
  while (current !== null) {
    const node = current.node as Commentable;
    const parentType = ((current.parent as ASTPath | null)?.node as Commentable | undefined)?.type;
    const isTypeMember = TYPE_MEMBERS.has(node.type);
    const isStatement = j.Statement.check(node) && node.type !== 'BlockStatement' && !isTypeMember;
    const isInterfaceMember = isTypeMember && parentType === 'TSInterfaceBody';
    if (isStatement || ANCHORS.has(node.type) || isInterfaceMember) {
      // Above `export const x = …`, not between `export` and `const`.
      if (parentType === 'ExportNamedDeclaration' || parentType === 'ExportDefaultDeclaration')
        return current.parent as ASTPath;
      return current;
    }
    current = current.parent as ASTPath | null;
  }
  return path;
}

/**
 * Puts `// TODO(aet): message` above the statement holding `path`, once: a second run (or a
 * second site in the same statement with the same message) adds nothing. Returns whether it added.
 */
export function addMarker(j: JSCodeshift, path: ASTPath, message: string): boolean {
  const anchor = markerAnchor(j, path).node as Commentable;
  const text = ` ${MARKER}: ${message}`;
  const comments = anchor.comments ?? [];
  if (comments.some((comment) => comment.value.trim() === text.trim())) return false;
  const comment = j.commentLine(text, true, false) as unknown as {
    value: string;
    leading: boolean;
  };
  // Leading comments print before the node, in order: the marker goes last, next to the code.
  const leading = comments.filter((c) => c.leading !== false);
  const trailing = comments.filter((c) => c.leading === false);
  anchor.comments = [...leading, comment, ...trailing];
  return true;
}
