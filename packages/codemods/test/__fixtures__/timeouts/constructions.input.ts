import {
  AgentExecutionTimeoutManager,
  configureTimeoutManager,
  getTimeoutManager,
  type TimeoutConfig,
} from '@aet/legacy-shims/execution-timeout-manager';
import { createExecutionTracker } from '@aet/tracker-core';

const config: Partial<TimeoutConfig> = { agentExecutionTimeout: 40 };
configureTimeoutManager(config);

export const module = getTimeoutManager();
export const defaults = new AgentExecutionTimeoutManager();
export const configured = new AgentExecutionTimeoutManager({ agentExecutionTimeout: 5 });
export const onTracker = new AgentExecutionTimeoutManager(undefined, {
  tracker: createExecutionTracker({ store: null }),
});
export const both = new AgentExecutionTimeoutManager(config, { tracker: createExecutionTracker() });
