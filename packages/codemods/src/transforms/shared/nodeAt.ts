import type { ASTPath } from 'jscodeshift';
import type { LegacyFile } from './legacyFile.js';

/**
 * The outermost node (of one of `types`, when given) that starts at `line`:`column` (1-based) of
 * the original source, as the audit reports positions. Nodes the run created never match.
 */
export function nodeAt(
  file: LegacyFile,
  line: number,
  column: number,
  types?: readonly string[],
): ASTPath | undefined {
  return file.index.at(line, column, types);
}
