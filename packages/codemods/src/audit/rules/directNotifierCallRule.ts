import { child, nameOf, positionOf, type AuditRule } from './auditRule.js';

/** The legacy WebSocket manager's methods (tracker-core's `LegacyNotifier`). */
const NOTIFIER_METHODS = new Set([
  'notifyAgentStarted',
  'notifyAgentThinking',
  'notifyToolExecuting',
  'notifyToolCompleted',
  'notifyAgentCompleted',
  'notifyAgentError',
]);

/**
 * AET104: an agent event sent straight to a legacy notifier (an engine reporting to the socket
 * itself), so the tracker — and whatever delivers its events — never sees it. Calls on `this`
 * or `super` are the notifier's own implementation and are left alone.
 */
export const directNotifierCallRule: AuditRule = {
  id: 'AET104',
  name: 'direct-legacy-notifier-call',
  level: 'warning',
  description: 'sends an agent event straight to a legacy notifier instead of through the tracker',
  fixHint:
    "report it on the run's execution and let the tracker notify: toolCompleted(executionId, tool, { result }), transitionState(executionId, phase, { metadata }), failExecution(executionId, error)",
  phase: 'engines',
  tokens: () => ['.notifyAgent', '.notifyTool'],
  check: ({ index }) =>
    [...index.of('CallExpression'), ...index.of('OptionalCallExpression')]
      .flatMap((call) => {
        const callee = child(call, 'callee');
        if (callee?.type !== 'MemberExpression' && callee?.type !== 'OptionalMemberExpression')
          return [];
        const method = nameOf(child(callee, 'property'));
        const receiver = child(callee, 'object')?.type;
        if (!NOTIFIER_METHODS.has(method) || receiver === 'ThisExpression' || receiver === 'Super')
          return [];
        return [
          {
            ...positionOf(call),
            message: `${method}(…) called directly: the tracker never sees this event`,
          },
        ];
      })
      .sort((a, b) => a.line - b.line || a.column - b.column),
};
