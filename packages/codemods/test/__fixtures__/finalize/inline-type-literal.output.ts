import { AgentStateTracker } from '@aet/legacy-shims/agent-state-tracker';
import { ExecutionTracker } from '@aet/legacy-shims/execution-tracker';

export class Engine {
  // TODO(aet): AgentStateTracker is still the legacy AgentStateTracker here: no safe rewrite; move this code to the tracker by hand
  constructor(
    deps: {
      states?: AgentStateTracker;
      monitor?: ExecutionTracker;
    } = {},
  ) {
    this.states = deps.states;
  }

  // TODO(aet): AgentStateTracker is still the legacy AgentStateTracker here: no safe rewrite; move this code to the tracker by hand
  private readonly states?: AgentStateTracker;
}

export interface EngineDeps {
  // TODO(aet): ExecutionTracker is still the legacy ExecutionTracker here: no safe rewrite; move this code to the tracker by hand
  monitor: ExecutionTracker
}
