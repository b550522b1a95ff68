import type { AstIndex, AstNode } from '../astIndex.js';
import { child, children, nameOf, positionOf, type AuditRule } from './auditRule.js';

const STATE_NAMES = new Set([
  'PENDING',
  'STARTING',
  'RUNNING',
  'COMPLETING',
  'COMPLETED',
  'FAILED',
  'TIMEOUT',
  'DEAD',
  'CANCELLED',
]);
const STORE_NAME = /^_?(active|running|current)?(runs|executions|execution_?states|states)$/i;

type Found = { line: number; column: number; message: string };

/** AET101: a second ExecutionState-like enum. */
const duplicateStateEnumRule: AuditRule = {
  id: 'AET101',
  name: 'duplicate-execution-state-enum',
  level: 'warning',
  description: 'declares its own execution-state enum beside the SSOT ExecutionState',
  fixHint: 'import ExecutionState from @aet/tracker-core and map any extra values onto it',
  phase: 'engines',
  tokens: () => ['RUNNING'],
  check: ({ index }) => {
    const findings: Found[] = [];
    for (const node of index.of('TSEnumDeclaration')) {
      const members =
        children(node, 'members').length > 0
          ? children(node, 'members')
          : children(child(node, 'body'), 'members');
      const names = members.map((m) => nameOf(child(m, 'id')));
      if (names.filter((n) => STATE_NAMES.has(n)).length >= 3) {
        findings.push({
          ...positionOf(node),
          message: `enum ${nameOf(child(node, 'id'))} duplicates ExecutionState`,
        });
      }
    }
    for (const node of index.of('VariableDeclarator')) {
      let init = child(node, 'init');
      if (init?.type === 'TSAsExpression') init = child(init, 'expression');
      if (init?.type !== 'ObjectExpression') continue;
      const keys = children(init, 'properties').map((p) => nameOf(child(p, 'key')));
      if (keys.filter((k) => STATE_NAMES.has(k)).length >= 3) {
        findings.push({
          ...positionOf(node),
          message: `${nameOf(child(node, 'id'))} duplicates ExecutionState`,
        });
      }
    }
    return findings;
  },
};

/** Whether any call to setTimeout lies inside `node`. */
function containsSetTimeout(index: AstIndex, node: AstNode): boolean {
  return index.of('CallExpression').some((call) => {
    if (nameOf(child(call, 'callee')) !== 'setTimeout') return false;
    for (let up = index.parentOf(call); up !== undefined; up = index.parentOf(up))
      if (up === node) return true;
    return false;
  });
}

/** AET102: a timeout built by hand from Promise.race and setTimeout. */
const handRolledTimeoutRule: AuditRule = {
  id: 'AET102',
  name: 'hand-rolled-timeout',
  level: 'warning',
  description: 'races work against setTimeout instead of a tracker deadline',
  fixHint:
    'run the work under tracker.trackExecutionWithTimeout or executeWithCircuitBreaker (a deadline with an AbortSignal)',
  phase: 'engines',
  tokens: () => ['Promise.race'],
  check: ({ index }) =>
    index
      .of('CallExpression')
      .filter((call) => {
        const callee = child(call, 'callee');
        return (
          callee?.type === 'MemberExpression' &&
          nameOf(child(callee, 'object')) === 'Promise' &&
          nameOf(child(callee, 'property')) === 'race' &&
          containsSetTimeout(index, call)
        );
      })
      .map((call) => ({
        ...positionOf(call),
        message: 'Promise.race with setTimeout: a hand-rolled timeout',
      })),
};

const isNewMap = (node: AstNode | undefined): boolean =>
  node?.type === 'NewExpression' && nameOf(child(node, 'callee')) === 'Map';

/** AET103: an engine-private store of execution state. */
const privateStateStoreRule: AuditRule = {
  id: 'AET103',
  name: 'private-execution-state-store',
  level: 'warning',
  description: 'keeps execution state in a private Map beside the tracker',
  fixHint:
    'read and write execution state through the tracker (getExecution, getUserExecutions); drop the map',
  phase: 'engines',
  tokens: () => ['new Map'],
  check: ({ index }) => {
    const findings: Found[] = [];
    for (const node of [...index.of('ClassProperty'), ...index.of('PropertyDefinition')]) {
      const name = nameOf(child(node, 'key'));
      if (STORE_NAME.test(name) && isNewMap(child(node, 'value'))) {
        findings.push({
          ...positionOf(node),
          message: `${name}: a private map of execution state`,
        });
      }
    }
    for (const node of index.of('AssignmentExpression')) {
      const left = child(node, 'left');
      const name = nameOf(child(left, 'property'));
      if (
        left?.type === 'MemberExpression' &&
        child(left, 'object')?.type === 'ThisExpression' &&
        STORE_NAME.test(name) &&
        isNewMap(child(node, 'right'))
      ) {
        findings.push({
          ...positionOf(node),
          message: `this.${name}: a private map of execution state`,
        });
      }
    }
    return findings.sort((a, b) => a.line - b.line);
  },
};

/** AET190: a TODO(aet) marker left by the codemods for a human. */
const todoMarkerRule: AuditRule = {
  id: 'AET190',
  name: 'todo-aet-marker',
  level: 'warning',
  description: 'a TODO(aet) marker the migration left for a human',
  fixHint: 'do what the marker says, then delete it',
  phase: 'finalize',
  tokens: () => ['TODO(aet)'],
  check: ({ source }) => {
    const findings: Found[] = [];
    source.split('\n').forEach((text, index) => {
      const column = text.indexOf('TODO(aet)');
      if (column !== -1)
        findings.push({ line: index + 1, column: column + 1, message: text.slice(column).trim() });
    });
    return findings;
  },
};

/** The follow-up rules (warnings). */
export const followUpRules: readonly AuditRule[] = [
  duplicateStateEnumRule,
  handRolledTimeoutRule,
  privateStateStoreRule,
  todoMarkerRule,
];
