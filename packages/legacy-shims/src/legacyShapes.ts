import type { AgentExecutionPhase, LegacyHealthStatus, PhaseTransition } from '@aet/tracker-core';

/** The legacy state tracker's record of one execution (camelCased from the reference). */
export interface AgentExecutionState {
  readonly agentName: string;
  readonly runId: string;
  readonly userId: string;
  readonly currentPhase: AgentExecutionPhase;
  readonly startTime: Date;
  readonly lastUpdate: Date;
  readonly phaseHistory: readonly PhaseTransition[];
  readonly executionMetadata: Readonly<Record<string, unknown>>;
  readonly warningCount: number;
  readonly errorCount: number;
}

/** What `AgentStateTracker.getExecutionSummary()` reports; `successRate` is a percentage (0–100). */
export interface ExecutionSummary {
  readonly activeExecutions: number;
  readonly completedExecutions: number;
  readonly successRate: number;
  readonly phaseDistribution: Readonly<Partial<Record<AgentExecutionPhase, number>>>;
  readonly performance: {
    readonly successCount: number;
    readonly failureCount: number;
    readonly avgDurationMs: number;
    readonly maxDurationMs: number;
    readonly minDurationMs: number;
  };
}

/** What `AgentExecutionTimeoutManager.getExecutionStats()` reports. */
export interface ExecutionStats {
  readonly activeExecutions: number;
  readonly circuitBreakerState: 'closed' | 'open' | 'half_open';
  readonly circuitBreakerFailures: number;
  readonly config: {
    readonly agentTimeout: number;
    readonly llmTimeout: number;
    readonly maxRetries: number;
  };
  /** Seconds; present once an agent execution has finished. */
  readonly executionDurations?: {
    readonly min: number;
    readonly max: number;
    readonly avg: number;
  };
}

/** What the legacy `ExecutionTracker.getHealthStatus()` reports (computed by the tracker-core's `legacyHealthStatus`). */
export type HealthStatus = LegacyHealthStatus;
