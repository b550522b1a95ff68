'use strict';
// Records the phases of each triage run, for the typing indicator and the ops dashboard.
// The tracking library is ES-module-only: `require()` of it works on plain Node 20 but not under
// the test runner, so it is loaded with `import()` when the ledger is created.

class RunLedger {
  /** @param {import('@aet/legacy-shims/agent-state-tracker').AgentStateTracker} tracker */
  constructor(tracker) {
    this.tracker = tracker;
  }

  /** @param {string} agentName @param {string} runId @param {string} userId @param {object} meta */
  open(agentName, runId, userId, meta) {
    return this.tracker.startExecution(agentName, runId, userId, { ...meta });
  }

  /**
   * Moves the run to `phase`; with a notifier the user's socket gets the matching progress event.
   * @param {string} executionId @param {import('@aet/legacy-shims').AgentExecutionPhase} phase
   * @param {import('./notifier.js').ChatNotifier} [notifier] @param {Record<string, unknown>} [metadata]
   */
  async enter(executionId, phase, notifier, metadata) {
    if (!(await this.tracker.transitionPhase(executionId, phase, metadata, notifier))) {
      throw new Error(`run ledger: unknown execution ${executionId}`);
    }
  }

  /** @param {string} executionId @param {boolean} success */
  close(executionId, success) {
    this.tracker.completeExecution(executionId, success);
  }

  /** Where a run is; undefined once closed. @param {string} executionId */
  describe(executionId) {
    const state = this.tracker.getExecutionState(executionId);
    if (state === undefined) return undefined;
    const { agentName, userId, runId, currentPhase, phaseHistory } = state;
    return { agentName, userId, runId, phase: currentPhase, steps: phaseHistory.length };
  }

  snapshot(stuckAfterMs = 30_000) {
    const summary = this.tracker.getExecutionSummary();
    return {
      running: Object.keys(this.tracker.getActiveExecutions()).length,
      finished: summary.completedExecutions,
      failures: summary.performance.failureCount,
      successRatePercent: Math.round(summary.successRate),
      byPhase: summary.phaseDistribution,
      stuck: this.tracker.detectStuckExecutions(stuckAfterMs),
    };
  }
}

async function createRunLedger() {
  const { AgentStateTracker } = await import('@aet/legacy-shims/agent-state-tracker');
  return new RunLedger(new AgentStateTracker());
}

module.exports = { RunLedger, createRunLedger };
