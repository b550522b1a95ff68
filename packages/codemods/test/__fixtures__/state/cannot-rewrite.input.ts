import { AgentStateTracker } from '@aet/legacy-shims/agent-state-tracker';

const tracker = new AgentStateTracker({ executionTimeoutSeconds: 60 });

export function forward(args: [string, 'thinking']) {
  return tracker.transitionPhase(...args);
}

export function start(agent: string, user: string) {
  return tracker.startExecution(agent, `run-${user}`, user);
}

export const isTracker = (value: unknown) => value instanceof AgentStateTracker;
