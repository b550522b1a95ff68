import type { ASTPath } from 'jscodeshift';
import type { LegacyFile, Node } from './legacyFile.js';

/**
 * The outermost node (of one of `types`, when given) that starts at `line`:`column` (1-based) of the original source,
 * as the audit reports positions. Nodes the run created have no position and never match.
 */
export function nodeAt(
  file: LegacyFile,
  line: number,
  column: number,
  types?: readonly string[],
): ASTPath | undefined {
  let found: ASTPath | undefined;
  file.root.find(file.j.Node).forEach((each) => {
    if (found !== undefined) return;
    const path = each as unknown as ASTPath;
    const node = path.node as Node & {
      loc?: { start: { line: number; column: number } } | null;
    };
    if (types !== undefined && !types.includes(node.type)) return;
    const start = node.loc?.start;
    if (start?.line === line && start.column + 1 === column) found = path;
  });
  return found;
}
