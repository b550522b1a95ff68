import type { AstIndex, AstNode } from '../astIndex.js';
import { child, children, nameOf, positionOf, type AuditRule } from './auditRule.js';

// Names that make a value an execution or run id.
const ID_NAME = /^(exec(ution)?|(agent)?run)[_-]?id$|(Execution|Run|Exec)Id$/i;
const PASS_THROUGH = new Set([
  'TemplateLiteral',
  'BinaryExpression',
  'TSAsExpression',
  'ParenthesizedExpression',
]);

/** The name a value ends up under: a variable, a property, or an assignment target. */
function sinkName(index: AstIndex, start: AstNode): string | undefined {
  let current = start;
  let parent = index.parentOf(current);
  // Climb through expressions that still build the same value (templates, concatenation, String()).
  while (parent !== undefined) {
    const isStringCall =
      parent.type === 'CallExpression' && nameOf(child(parent, 'callee')) === 'String';
    if (!PASS_THROUGH.has(parent.type) && !isStringCall) break;
    current = parent;
    parent = index.parentOf(current);
  }
  if (parent === undefined) return undefined;
  switch (parent.type) {
    case 'VariableDeclarator':
      return nameOf(child(parent, 'id'));
    case 'ObjectProperty':
    case 'ClassProperty':
    case 'PropertyDefinition':
      return nameOf(child(parent, 'key'));
    case 'AssignmentExpression': {
      const left = child(parent, 'left');
      return left?.type === 'MemberExpression' ? nameOf(child(left, 'property')) : nameOf(left);
    }
    default:
      return undefined;
  }
}

/** How a call mints a UUID, or undefined when it does not. */
function mintedUuid(call: AstNode): string | undefined {
  const callee = child(call, 'callee');
  const name = nameOf(callee);
  if (
    callee?.type === 'Identifier' &&
    (name === 'uuidv4' || name === 'v4' || name === 'randomUUID')
  )
    return `${name}()`;
  if (callee?.type === 'MemberExpression') {
    const object = nameOf(child(callee, 'object'));
    const property = nameOf(child(callee, 'property'));
    if (
      (object === 'uuid' && property === 'v4') ||
      (object === 'crypto' && property === 'randomUUID')
    )
      return `${object}.${property}()`;
  }
  return undefined;
}

function isDateNow(node: AstNode): boolean {
  const callee = child(node, 'callee');
  return (
    node.type === 'CallExpression' &&
    callee?.type === 'MemberExpression' &&
    nameOf(child(callee, 'object')) === 'Date' &&
    nameOf(child(callee, 'property')) === 'now'
  );
}

/**
 * AET005: an execution or run id minted by hand — `uuid.v4()`, `uuidv4()`, `crypto.randomUUID()`,
 * or a template around `Date.now()` — where the value is stored as an execution/run id. A UUID
 * used for anything else (a React key, a correlation id) is not an execution id.
 */
export const manualIdRule: AuditRule = {
  id: 'AET005',
  name: 'manual-execution-id',
  level: 'error',
  description: 'mints an execution or run id by hand instead of through UnifiedIDManager',
  fixHint: 'UnifiedIDManager.generateExecutionId() / generateRunId() (aet migrate --phase engines)',
  phase: 'engines',
  tokens: () => ['uuid', 'randomUUID', 'Date.now'],
  check: ({ index }) => {
    const findings: { line: number; column: number; message: string }[] = [];
    for (const call of index.of('CallExpression')) {
      const minted = mintedUuid(call);
      if (minted === undefined) continue;
      const name = sinkName(index, call);
      if (name !== undefined && ID_NAME.test(name))
        findings.push({ ...positionOf(call), message: `${name} is minted with ${minted}` });
    }
    for (const template of index.of('TemplateLiteral')) {
      if (!children(template, 'expressions').some(isDateNow)) continue;
      const name = sinkName(index, template);
      if (name !== undefined && ID_NAME.test(name))
        findings.push({ ...positionOf(template), message: `${name} is built from Date.now()` });
    }
    return findings;
  },
};
