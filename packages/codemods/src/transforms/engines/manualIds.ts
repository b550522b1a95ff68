import type { ASTPath, ImportDeclaration } from 'jscodeshift';
import type { Finding } from '../../audit/rules/auditRule.js';
import { ensureTargetImport } from '../shared/imports.js';
import type { Edits } from '../shared/edits.js';
import type { LegacyFile, Node } from '../shared/legacyFile.js';
import { lineOf } from '../shared/callSites.js';

// Expressions that still build the same value as their operand (the audit climbs the same ones).
const PASS_THROUGH = new Set([
  'TemplateLiteral',
  'BinaryExpression',
  'TSAsExpression',
  'ParenthesizedExpression',
]);

/** The generator for an id stored under `name`. */
function generatorFor(name: string): string {
  if (/run/i.test(name)) return 'generateRunId';
  if (/thread/i.test(name)) return 'generateThreadId';
  if (/req/i.test(name)) return 'generateRequestId';
  return 'generateExecutionId';
}

function sinkName(path: ASTPath): { outer: ASTPath; name: string | undefined } {
  let outer = path;
  let parent = path.parent as ASTPath | null;
  while (parent !== null) {
    const node = parent.node as Node;
    const isStringCall =
      node.type === 'CallExpression' && (node['callee'] as Node)['name'] === 'String';
    if (!PASS_THROUGH.has(node.type) && !isStringCall) break;
    outer = parent;
    parent = parent.parent as ASTPath | null;
  }
  const node = parent?.node as Node | undefined;
  const key = (field: string): string | undefined => {
    const named = node?.[field] as Node | undefined;
    if (named?.type === 'Identifier') return named['name'];
    if (named?.type === 'MemberExpression') return (named['property'] as Node)['name'] as string;
    return undefined;
  };
  switch ((node?.type ?? '') as string) {
    case 'VariableDeclarator':
      return { outer, name: key('id') };
    case 'ObjectProperty':
    case 'ClassProperty':
      return { outer, name: key('key') };
    case 'AssignmentExpression':
      return { outer, name: key('left') };
    default:
      return { outer, name: undefined };
  }
}

const ID_MODULES = new Set(['uuid', 'crypto', 'node:crypto']);

/**
 * Replaces each hand-minted execution or run id the audit found (AET005) with the matching
 * `UnifiedIDManager` generator, and drops the `uuid`/`crypto` imports this leaves unused.
 */
export function rewriteManualIds(
  file: LegacyFile,
  edits: Edits,
  findings: readonly Finding[],
): void {
  const { j } = file;
  let rewrote = false;
  for (const finding of findings) {
    const path = file.index.at(finding.line, finding.column, ['CallExpression', 'TemplateLiteral']);
    if (path === undefined) continue;
    const { outer, name } = sinkName(path);
    if (name === undefined) continue;
    const generator = generatorFor(name);
    const manager = ensureTargetImport(file, 'UnifiedIDManager');
    j(outer).replaceWith(
      j.callExpression(j.memberExpression(j.identifier(manager), j.identifier(generator)), []),
    );
    edits.rewrote(finding.line, `${name}: ${finding.message} → UnifiedIDManager.${generator}()`);
    rewrote = true;
  }
  if (!rewrote) return;
  const referenced = file.references();
  for (const each of file.body) {
    if ((each.node as { type: string }).type !== 'ImportDeclaration') continue;
    const path = each as ASTPath<ImportDeclaration>;
    if (!ID_MODULES.has(String(path.node.source.value))) continue;
    const specifiers = path.node.specifiers ?? [];
    const used = specifiers.filter((specifier) => {
      const local = specifier.local?.name;
      return typeof local === 'string' && referenced.has(local);
    });
    if (used.length === specifiers.length) continue;
    if (used.length > 0) path.node.specifiers = used;
    else j(path).remove();
    edits.rewrote(lineOf(path.node), 'unused id-minting import removed');
  }
}
