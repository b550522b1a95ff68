import type { ASTPath } from 'jscodeshift';
import { positionOf, type AuditRule } from './auditRule.js';

// Names that make a value an execution or run id.
const ID_NAME = /^(exec(ution)?|(agent)?run)[_-]?id$|(Execution|Run|Exec)Id$/i;

/** The name a value ends up under: a variable, a property, or an assignment target. */
function sinkName(path: ASTPath): string | undefined {
  let current: ASTPath = path;
  // Climb through expressions that still build the same value (templates, concatenation, String()).
  while (current.parent) {
    const parent = current.parent as ASTPath;
    const type = parent.node.type;
    if (
      type === 'TemplateLiteral' ||
      type === 'BinaryExpression' ||
      type === 'TSAsExpression' ||
      type === 'ParenthesizedExpression'
    ) {
      current = parent;
      continue;
    }
    if (type === 'CallExpression') {
      const callee = (parent.node as { callee: { type: string; name?: string } }).callee;
      if (callee.type === 'Identifier' && callee.name === 'String') {
        current = parent;
        continue;
      }
      return undefined;
    }
    break;
  }
  const parent = current.parent as ASTPath | undefined;
  if (parent === undefined) return undefined;
  const node = parent.node as unknown as Record<
    string,
    { type?: string; name?: string; property?: { name?: string } } | undefined
  >;
  const type: string = parent.node.type;
  if (type === 'VariableDeclarator') return node.id?.name;
  if (
    type === 'ObjectProperty' ||
    type === 'Property' ||
    type === 'ClassProperty' ||
    type === 'PropertyDefinition'
  ) {
    return node.key?.name;
  }
  if (type === 'AssignmentExpression') {
    return node.left?.type === 'MemberExpression' ? node.left.property?.name : node.left?.name;
  }
  return undefined;
}

function isUuidCall(callee: {
  type: string;
  name?: string;
  object?: { name?: string };
  property?: { name?: string };
}): string | undefined {
  if (
    callee.type === 'Identifier' &&
    (callee.name === 'uuidv4' || callee.name === 'v4' || callee.name === 'randomUUID')
  ) {
    return `${callee.name}()`;
  }
  if (callee.type === 'MemberExpression') {
    const object = callee.object?.name;
    const property = callee.property?.name;
    if (
      (object === 'uuid' && property === 'v4') ||
      (object === 'crypto' && property === 'randomUUID')
    ) {
      return `${object}.${property}()`;
    }
  }
  return undefined;
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
  check: ({ j, root }) => {
    const findings: { line: number; column: number; message: string }[] = [];
    root.find(j.CallExpression).forEach((path) => {
      const callee = path.node.callee as Parameters<typeof isUuidCall>[0];
      const minted = isUuidCall(callee);
      if (minted === undefined) return;
      const name = sinkName(path);
      if (name !== undefined && ID_NAME.test(name)) {
        findings.push({ ...positionOf(path.node), message: `${name} is minted with ${minted}` });
      }
    });
    root.find(j.TemplateLiteral).forEach((path) => {
      const usesNow = path.node.expressions.some(
        (e) =>
          e.type === 'CallExpression' &&
          e.callee.type === 'MemberExpression' &&
          e.callee.object.type === 'Identifier' &&
          e.callee.object.name === 'Date' &&
          e.callee.property.type === 'Identifier' &&
          e.callee.property.name === 'now',
      );
      if (!usesNow) return;
      const name = sinkName(path);
      if (name !== undefined && ID_NAME.test(name)) {
        findings.push({ ...positionOf(path.node), message: `${name} is built from Date.now()` });
      }
    });
    return findings;
  },
};
