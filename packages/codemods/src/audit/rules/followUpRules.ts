import { nameOf, positionOf, type AuditRule } from './auditRule.js';

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

/** AET101: a second ExecutionState-like enum. */
const duplicateStateEnumRule: AuditRule = {
  id: 'AET101',
  name: 'duplicate-execution-state-enum',
  level: 'warning',
  description: 'declares its own execution-state enum beside the SSOT ExecutionState',
  fixHint: 'import ExecutionState from @aet/tracker-core and map any extra values onto it',
  phase: 'engines',
  tokens: () => ['RUNNING'],
  check: ({ j, root }) => {
    const findings: { line: number; column: number; message: string }[] = [];
    root.find(j.TSEnumDeclaration).forEach((path) => {
      const names = path.node.members.map((m) =>
        m.id.type === 'Identifier' ? m.id.name : String((m.id as { value?: unknown }).value),
      );
      if (names.filter((n) => STATE_NAMES.has(n)).length >= 3) {
        findings.push({
          ...positionOf(path.node),
          message: `enum ${nameOf(path.node.id.name)} duplicates ExecutionState`,
        });
      }
    });
    root.find(j.VariableDeclarator).forEach((path) => {
      let init = path.node.init;
      if (init?.type === 'TSAsExpression') init = init.expression;
      if (init?.type !== 'ObjectExpression' || path.node.id.type !== 'Identifier') return;
      const keys = init.properties.flatMap((p) =>
        (p.type === 'ObjectProperty' || p.type === 'Property') && p.key.type === 'Identifier'
          ? [p.key.name]
          : [],
      );
      if (keys.filter((k) => STATE_NAMES.has(k)).length >= 3) {
        findings.push({
          ...positionOf(path.node),
          message: `${path.node.id.name} duplicates ExecutionState`,
        });
      }
    });
    return findings;
  },
};

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
  check: ({ j, root }) =>
    root
      .find(j.CallExpression, {
        callee: {
          type: 'MemberExpression',
          object: { name: 'Promise' },
          property: { name: 'race' },
        },
      })
      .filter(
        (path) =>
          j(path)
            .find(j.CallExpression, { callee: { name: 'setTimeout' } })
            .size() > 0,
      )
      .nodes()
      .map((node) => ({
        ...positionOf(node),
        message: 'Promise.race with setTimeout: a hand-rolled timeout',
      })),
};

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
  check: ({ j, root }) => {
    const findings: { line: number; column: number; message: string }[] = [];
    const isNewMap = (node: unknown): boolean =>
      (node as { type?: string; callee?: { name?: string } } | null)?.type === 'NewExpression' &&
      (node as { callee: { name?: string } }).callee.name === 'Map';
    root.find(j.ClassProperty).forEach((path) => {
      const key = path.node.key;
      if (key.type === 'Identifier' && STORE_NAME.test(key.name) && isNewMap(path.node.value)) {
        findings.push({
          ...positionOf(path.node),
          message: `${key.name}: a private map of execution state`,
        });
      }
    });
    root.find(j.AssignmentExpression).forEach((path) => {
      const left = path.node.left;
      if (
        left.type === 'MemberExpression' &&
        left.object.type === 'ThisExpression' &&
        left.property.type === 'Identifier' &&
        STORE_NAME.test(left.property.name) &&
        isNewMap(path.node.right)
      ) {
        findings.push({
          ...positionOf(path.node),
          message: `this.${left.property.name}: a private map of execution state`,
        });
      }
    });
    return findings;
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
    const findings: { line: number; column: number; message: string }[] = [];
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
