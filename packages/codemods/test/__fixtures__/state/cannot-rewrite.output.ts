import { AgentStateTracker } from '@aet/legacy-shims/agent-state-tracker';

// TODO(aet): new AgentStateTracker(options): only { tracker } has an SSOT equivalent; pass the tracker configured as these options ask
const tracker = new AgentStateTracker({ executionTimeoutSeconds: 60 });

export function forward(args: [string, 'thinking']) {
  // TODO(aet): the arguments are spread: map them to the tracker call by hand
  return tracker.transitionPhase(...args);
}

export function start(agent: string, user: string) {
  // TODO(aet): the run id is computed: bind it to a variable, then rerun aet migrate
  return tracker.startExecution(agent, `run-${user}`, user);
}

// TODO(aet): AgentStateTracker is still the legacy AgentStateTracker here: no safe rewrite; move this code to the tracker by hand
export const isTracker = (value: unknown) => value instanceof AgentStateTracker;
