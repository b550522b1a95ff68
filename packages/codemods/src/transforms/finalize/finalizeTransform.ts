import type { ASTPath } from 'jscodeshift';
import { legacyTokens } from '../../audit/rules/legacyModules.js';
import { moduleKeyOfFile } from '../../migration/localModules.js';
import type { RepositoryScan } from '../../migration/repositoryScan.js';
import type { SourceTransform } from '../../runner/sourceTransform.js';
import { markLeftovers } from '../shared/apiPhase.js';
import { lineOf } from '../shared/callSites.js';
import { Edits } from '../shared/edits.js';
import { pruneUnreferenced } from '../shared/imports.js';
import { LegacyFile, type Node } from '../shared/legacyFile.js';
import { removeUnusedReexports } from '../shared/reexports.js';

/** The option that keeps the SSOT test in baseline (ratchet) mode until the migration is done. */
export const BASELINE_OPTION = 'baseline';

/**
 * `describeSsotCompliance(root, { baseline: … })` → `describeSsotCompliance(root)`: the test
 * written by the prepare phase becomes strict (zero violations).
 */
function makeSsotTestStrict(file: LegacyFile, edits: Edits): void {
  const { j } = file;
  file.root.find(j.CallExpression).forEach((path) => {
    const callee = path.node.callee as Node;
    if (callee.type !== 'Identifier' || callee['name'] !== 'describeSsotCompliance') return;
    const options = path.node.arguments[1] as Node | undefined;
    if (options?.type !== 'ObjectExpression') return;
    const properties = options['properties'] as Node[];
    const kept = properties.filter((property) => {
      const key = property['key'] as Node | undefined;
      return !(key?.type === 'Identifier' && key['name'] === BASELINE_OPTION);
    });
    if (kept.length === properties.length) return;
    if (kept.length > 0) (options as unknown as { properties: Node[] }).properties = kept;
    else path.node.arguments = path.node.arguments.slice(0, 1);
    edits.rewrote(lineOf(path.node), 'SSOT test made strict: zero violations');
    // The comment above it said the test was a ratchet; it is not any more.
    const statement = path.parent as ASTPath | null;
    const comments = (statement?.node as { comments?: { value: string }[] } | undefined)?.comments;
    if (statement !== null && comments !== undefined) {
      (statement.node as { comments?: unknown }).comments = comments.filter(
        (comment) => !comment.value.includes('aet migrate --phase finalize'),
      );
    }
  });
}

/**
 * Phase 5, `finalize`: legacy imports nothing uses any more are removed (and barrel re-exports no
 * file imports), the SSOT test is made strict, and any legacy use still left gets a marker.
 */
export function finalizeTransform(scan: RepositoryScan): SourceTransform {
  return {
    name: 'finalize',
    tokens: [...legacyTokens(scan.config), 'describeSsotCompliance'],
    apply: (context) => {
      const file = new LegacyFile(context.j, context.root, context.path, scan);
      const edits = new Edits(file, context.record);
      const { removed } = removeUnusedReexports(file, moduleKeyOfFile(context.path));
      if (removed) edits.rewrote(1, 'unused legacy re-exports removed');
      if (pruneUnreferenced(file, file.bindings)) edits.rewrote(1, 'unused legacy imports removed');
      markLeftovers(file, edits, file.bindings);
      if (context.source.includes('describeSsotCompliance')) makeSsotTestStrict(file, edits);
      return edits.changed;
    },
  };
}
