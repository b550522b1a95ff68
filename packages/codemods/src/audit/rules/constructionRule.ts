import { positionOf, type AuditRule } from './auditRule.js';

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
  check: ({ j, root }) =>
    root
      .find(j.NewExpression)
      .filter((path) => {
        const callee = path.node.callee;
        return (
          (callee.type === 'Identifier' && callee.name === 'AgentExecutionTracker') ||
          (callee.type === 'MemberExpression' &&
            callee.property.type === 'Identifier' &&
            callee.property.name === 'AgentExecutionTracker')
        );
      })
      .nodes()
      .map((node) => ({
        ...positionOf(node),
        message: 'new AgentExecutionTracker(…) creates a tracker outside the SSOT',
      })),
};
