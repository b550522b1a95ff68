import type { AgentStateTracker } from '@aet/legacy-shims';
import { getAgentStateTracker } from '@aet/legacy-shims';
import type { Notifier } from './notifier.js';

export class Engine {
  // phases of this engine's runs
  private readonly phases: AgentStateTracker;

  constructor(
    private readonly notifier: Notifier,
    phases?: AgentStateTracker,
  ) {
    this.phases = phases ?? getAgentStateTracker();
  }

  async step(id: string, phase: 'thinking') {
    return this.phases?.transitionPhase(id, phase, undefined, this.notifier);
  }
}
