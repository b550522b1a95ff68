// ExecutionTracker that remembers the runs it lost (no heartbeat, past deadline) and tells its
// listeners, so the chat can warn the customer instead of spinning forever.
import { ExecutionState, ExecutionTracker, type RecoveryCallback } from '@aet/legacy-shims/execution-tracker';

export interface LostExecution { executionId: string; agentName: string; userId: string; state: ExecutionState; reason: string }

export class MonitoredExecutionTracker extends ExecutionTracker {
  private readonly lost: LostExecution[] = [];
  private readonly listeners = new Set<(lost: LostExecution) => void>();

  constructor(private readonly defaultTimeoutSeconds = 60) {
    super();
    this.registerRecoveryCallback((execution) => this.handleLost(execution));
  }

  override registerExecution(agentName: string, correlationId: string, threadId: string, userId: string, timeoutSeconds = this.defaultTimeoutSeconds): Promise<string> {
    return super.registerExecution(agentName, correlationId, threadId, userId, timeoutSeconds);
  }

  onLost(listener: (lost: LostExecution) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  getLostExecutions(): readonly LostExecution[] {
    return [...this.lost];
  }

  private handleLost(execution: Parameters<RecoveryCallback>[0]): void {
    const lost: LostExecution = {
      executionId: execution.id,
      agentName: execution.agentName,
      userId: execution.userId,
      state: execution.state,
      reason: execution.state === ExecutionState.DEAD ? 'no heartbeat' : (execution.error ?? 'deadline exceeded'),
    };
    this.lost.push(lost);
    for (const listener of this.listeners) {
      try {
        listener(lost);
      } catch (error) {
        console.error('[monitor] lost-execution listener failed', error);
      }
    }
  }
}
