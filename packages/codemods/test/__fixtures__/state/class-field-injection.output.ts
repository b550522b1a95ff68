import { getExecutionTracker, type AgentExecutionTracker } from '@aet/tracker-core';
import type { Notifier } from './notifier.js';

export class Engine {
  // phases of this engine's runs
  private readonly phases: AgentExecutionTracker;

  constructor(
    private readonly notifier: Notifier,
    phases?: AgentExecutionTracker,
  ) {
    this.phases = phases ?? getExecutionTracker();
  }

  async step(id: string, phase: 'thinking') {
    return Promise.resolve(this.phases?.transitionState(id, phase, {
      notifier: this.notifier,
      policy: 'warn',
    }));
  }
}
