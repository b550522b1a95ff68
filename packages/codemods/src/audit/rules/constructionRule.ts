import { child, nameOf, positionOf, type AuditRule } from './auditRule.js';

/** AET004: `new AgentExecutionTracker(…)` outside the tracker's own factories. */
export const directConstructionRule: AuditRule = {
  id: 'AET004',
  name: 'direct-tracker-construction',
  level: 'error',
  description: 'constructs an AgentExecutionTracker directly, making a second source of truth',
  fixHint:
    'use getExecutionTracker() (the process singleton) or createExecutionTracker(config) (tests, embedding)',
  phase: 'engines',
  tokens: () => ['AgentExecutionTracker'],
  check: ({ index }) =>
    index
      .of('NewExpression')
      .filter((node) => {
        const callee = child(node, 'callee');
        const name =
          callee?.type === 'MemberExpression' ? nameOf(child(callee, 'property')) : nameOf(callee);
        return name === 'AgentExecutionTracker';
      })
      .map((node) => ({
        ...positionOf(node),
        message: 'new AgentExecutionTracker(…) creates a tracker outside the SSOT',
      })),
};
