import { AgentExecutionTimeoutManager } from '@aet/legacy-shims/execution-timeout-manager';
import {
  createExecutionTracker,
  getExecutionTracker,
  configureExecutionTracker,
  type TimeoutConfig,
} from '@aet/tracker-core';

const config: Partial<TimeoutConfig> = { agentExecutionTimeout: 40 };
// TODO(aet): configureExecutionTracker must run before the tracker is first used
configureExecutionTracker({
  timeoutConfig: config,
});

export const module = getExecutionTracker();
export const defaults = getExecutionTracker();
export const configured = createExecutionTracker({
  timeoutConfig: { agentExecutionTimeout: 5 },
});
export const onTracker = createExecutionTracker({ store: null });
// TODO(aet): new AgentExecutionTimeoutManager(config, { tracker }): configure that tracker with timeoutConfig and pass it instead
export const both = new AgentExecutionTimeoutManager(config, { tracker: createExecutionTracker() });
