// The legacy AgentStateTracker shim against the same lifecycle written directly on the tracker
// (what the migration turns it into): start, 7 phase transitions, complete, clean up. The direct
// side uses the options the shim passes (no heartbeat deadline, 1 h deadline, run id as thread).
import { AgentStateTracker } from '@aet/legacy-shims';
import { AgentExecutionPhase as P, createExecutionTracker } from '@aet/tracker-core';
import { gcBetweenRounds, measurePair, report, yieldToEventLoop } from './measure.js';

const BATCH = 5_000;
const PHASES = [
  P.WEBSOCKET_SETUP,
  P.CONTEXT_VALIDATION,
  P.STARTING,
  P.THINKING,
  P.TOOL_PREPARATION,
  P.TOOL_EXECUTION,
  P.RESULT_PROCESSING,
] as const;

process.removeAllListeners('warning'); // the shim's one deprecation warning is not part of the run
const sink = (): void => undefined;
const viaShim = createExecutionTracker({ store: null, eventSinks: [sink] });
const direct = createExecutionTracker({ store: null, eventSinks: [sink] });
const legacy = new AgentStateTracker({ tracker: viaShim });

const WARN = { policy: 'warn' } as const;
const options = { opsPerRound: BATCH, rounds: 21, warmupRounds: 6 };

/** The lifecycle on the tracker directly; `awaitEach` awaits each transition as legacy callers do. */
async function directRound(awaitEach: boolean): Promise<void> {
  for (let i = 0; i < BATCH; i++) {
    const id = direct.createExecution({
      agentName: 'triage',
      userId: 'user-5d1c8e',
      threadId: 'run-2b7f90',
      runId: 'run-2b7f90',
      timeoutSeconds: 3600,
      heartbeatTimeoutSeconds: null,
    });
    for (const phase of PHASES) {
      const moved = direct.transitionState(id, phase, WARN);
      // eslint-disable-next-line @typescript-eslint/await-thenable -- the hop legacy callers pay
      if (awaitEach) await moved;
    }
    direct.completeExecution(id);
    direct.cleanupState(id);
  }
  await yieldToEventLoop();
}

async function shimRound(): Promise<void> {
  for (let i = 0; i < BATCH; i++) {
    const id = legacy.startExecution('triage', 'run-2b7f90', 'user-5d1c8e');
    for (const phase of PHASES) await legacy.transitionPhase(id, phase);
    legacy.completeExecution(id);
  }
  await yieldToEventLoop();
}

// Against direct calls, synchronous as migrated code makes them.
const result = await measurePair(() => directRound(false), shimRound, options);
// Against the same calls awaited as legacy callers await them: the shim's own cost, without the
// microtask hop every legacy `await transitionPhase(…)` pays.
const sameAwaits = await measurePair(() => directRound(true), shimRound, options);
report({
  benchmark: 'shims',
  description: 'AgentStateTracker lifecycle vs the same on the tracker',
  result,
  sameAwaits,
  gcBetweenRounds,
});
