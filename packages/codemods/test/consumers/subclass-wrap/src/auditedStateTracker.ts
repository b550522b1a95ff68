// AgentStateTracker with an in-memory audit trail for the support dashboard ("what did the bot do?").
import {
  AgentStateTracker,
  type AgentExecutionPhase,
  type AgentExecutionState,
  type AgentStateTrackerOptions,
} from '@aet/legacy-shims/agent-state-tracker';

type PhaseNotifier = Parameters<AgentStateTracker['transitionPhase']>[3];

export interface AuditEntry {
  at: Date; executionId: string; userId?: string; action: 'transition' | 'complete';
  from?: AgentExecutionPhase; to?: AgentExecutionPhase; success?: boolean;
  accepted: boolean; // false when the tracker did not know the execution
}

export class AuditedStateTracker extends AgentStateTracker {
  private readonly auditLog: AuditEntry[] = [];

  constructor(private readonly auditLimit = 1000, options?: AgentStateTrackerOptions) {
    super(options);
  }

  override async transitionPhase(
    executionId: string,
    newPhase: AgentExecutionPhase,
    metadata?: Record<string, unknown>,
    websocketManager?: PhaseNotifier,
  ): Promise<boolean> {
    const before: AgentExecutionState | undefined = this.getExecutionState(executionId);
    const accepted = await super.transitionPhase(executionId, newPhase, metadata, websocketManager);
    this.record({ executionId, userId: before?.userId, action: 'transition', from: before?.currentPhase, to: newPhase, accepted });
    return accepted;
  }

  override completeExecution(executionId: string, success = true): void {
    const before = this.getExecutionState(executionId);
    super.completeExecution(executionId, success);
    this.record({ executionId, userId: before?.userId, action: 'complete', from: before?.currentPhase, accepted: before !== undefined, success });
  }

  auditTrail(filter: { userId?: string; executionId?: string } = {}): AuditEntry[] {
    const { userId, executionId } = filter;
    return this.auditLog.filter((e) => (!userId || e.userId === userId) && (!executionId || e.executionId === executionId));
  }

  private record(entry: Omit<AuditEntry, 'at'>): void {
    this.auditLog.push({ at: new Date(), ...entry });
    if (this.auditLog.length > this.auditLimit) this.auditLog.shift();
  }
}
