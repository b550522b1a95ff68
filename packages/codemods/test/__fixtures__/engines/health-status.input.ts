import { ExecutionTracker, getExecutionTracker, type HealthStatus } from '@aet/legacy-shims/execution-tracker';

// A health endpoint that reads the legacy report's fields.
export function health(jobs: ExecutionTracker): { ok: boolean; stuck: number } {
  const status: HealthStatus = jobs.getHealthStatus();
  return { ok: status.healthy, stuck: status.stuckExecutions };
}

export function processHealthy(): boolean {
  return getExecutionTracker().getHealthStatus().healthy;
}

export class Monitor {
  constructor(private readonly jobs?: ExecutionTracker) {}

  degraded(): boolean {
    return this.jobs?.getHealthStatus().healthy === false;
  }
}
