import type { RepositoryScan } from './repositoryScan.js';
import type { SourceTransform } from '../runner/sourceTransform.js';
import { enginesTransform } from '../transforms/engines/enginesTransform.js';
import { finalizeTransform } from '../transforms/finalize/finalizeTransform.js';
import { stateTransform } from '../transforms/state/stateTransform.js';
import { timeoutsTransform } from '../transforms/timeouts/timeoutsTransform.js';

/** The plan's five phases, in order (DESIGN §5). */
export const PHASES = ['prepare', 'state', 'timeouts', 'engines', 'finalize'] as const;

export type PhaseName = (typeof PHASES)[number];

/** A phase that edits source files. */
export type SourcePhase = Exclude<PhaseName, 'prepare'>;

/** The phases that edit source files, in order. */
export const SOURCE_PHASES: readonly SourcePhase[] = ['state', 'timeouts', 'engines', 'finalize'];

/** What each phase does, for `--help` and `aet plan`. */
export const PHASE_SUMMARIES: Readonly<Record<PhaseName, string>> = {
  prepare: 'writes the baseline audit and an SSOT test into your suite (no source edits)',
  state: 'AgentStateTracker → tracker calls (createExecution, transitionState, …)',
  timeouts:
    'AgentExecutionTimeoutManager → trackExecutionWithTimeout, executeWithCircuitBreaker, executeWithRetry',
  engines:
    'legacy ExecutionTracker → tracker calls; hand-minted ids → UnifiedIDManager; markers on private state and hand-rolled timeouts',
  finalize: 'removes the legacy imports and dependency, makes the SSOT test strict',
};

/** Whether `name` is a phase. */
export function isPhaseName(name: string): name is PhaseName {
  return (PHASES as readonly string[]).includes(name);
}

/** The source transform of a phase that edits code (all but `prepare`). */
export function phaseTransform(phase: SourcePhase, scan: RepositoryScan): SourceTransform {
  switch (phase) {
    case 'state':
      return stateTransform(scan);
    case 'timeouts':
      return timeoutsTransform(scan);
    case 'engines':
      return enginesTransform(scan);
    case 'finalize':
      return finalizeTransform(scan);
  }
}
