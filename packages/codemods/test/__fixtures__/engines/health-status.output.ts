import {
  legacyHealthStatus,
  type AgentExecutionTracker,
  type LegacyHealthStatus,
  getExecutionTracker,
} from '@aet/tracker-core';

// A health endpoint that reads the legacy report's fields.
export function health(jobs: AgentExecutionTracker): { ok: boolean; stuck: number } {
  const status: LegacyHealthStatus = legacyHealthStatus(jobs);
  return { ok: status.healthy, stuck: status.stuckExecutions };
}

export function processHealthy(): boolean {
  return legacyHealthStatus(getExecutionTracker()).healthy;
}

export class Monitor {
  constructor(private readonly jobs?: AgentExecutionTracker) {}

  degraded(): boolean {
    // TODO(aet): getHealthStatus() through ?.: use legacyHealthStatus(tracker) where the tracker is there
    return this.jobs?.getHealthStatus().healthy === false;
  }
}
