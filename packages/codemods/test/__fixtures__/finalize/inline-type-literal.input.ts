import { AgentStateTracker } from '@aet/legacy-shims/agent-state-tracker';
import { ExecutionTracker } from '@aet/legacy-shims/execution-tracker';

export class Engine {
  constructor(
    deps: {
      states?: AgentStateTracker;
      monitor?: ExecutionTracker;
    } = {},
  ) {
    this.states = deps.states;
  }

  private readonly states?: AgentStateTracker;
}

export interface EngineDeps {
  monitor: ExecutionTracker;
}
