import type { ASTPath, Collection, JSCodeshift } from 'jscodeshift';

/**
 * Every path of a file's tree, by node type, from one traversal. jscodeshift's `find` walks the
 * whole tree on every call (about 1 ms for a 150-line file), so a transform that asked a dozen
 * questions paid a dozen walks; it now pays one. The index describes the tree as parsed: code
 * that edits the tree asks fresh questions (see `LegacyFile.references`).
 */
export class PathIndex {
  private readonly byType = new Map<string, ASTPath[]>();

  constructor(j: JSCodeshift, root: Collection) {
    root.find(j.Node).forEach((path) => {
      const type = (path.node as { type: string }).type;
      let list = this.byType.get(type);
      if (list === undefined) this.byType.set(type, (list = []));
      list.push(path as ASTPath);
    });
  }

  /** The paths of nodes of exactly these types, in source order. */
  of(...types: readonly string[]): ASTPath[] {
    if (types.length === 1) return this.byType.get(types[0] ?? '') ?? [];
    return types
      .flatMap((type) => this.byType.get(type) ?? [])
      .sort((a, b) => startOf(a) - startOf(b));
  }

  /**
   * The outermost node (of one of `types`, when given) that starts at `line`:`column` (1-based),
   * as the audit reports positions.
   */
  at(line: number, column: number, types?: readonly string[]): ASTPath | undefined {
    const pool = types === undefined ? [...this.byType.values()].flat() : this.of(...types);
    let found: ASTPath | undefined;
    for (const path of pool) {
      const start = (path.node as { loc?: { start: { line: number; column: number } } | null }).loc
        ?.start;
      if (start?.line !== line || start.column + 1 !== column) continue;
      if (found === undefined || depthOf(path) < depthOf(found)) found = path;
    }
    return found;
  }
}

function startOf(path: ASTPath): number {
  const start = (path.node as { start?: unknown }).start;
  return typeof start === 'number' ? start : 0;
}

function depthOf(path: ASTPath): number {
  let depth = 0;
  for (
    let current = path.parent as ASTPath | null;
    current !== null;
    current = current.parent as ASTPath | null
  )
    depth++;
  return depth;
}
