import type { ASTPath } from 'jscodeshift';

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
