import { AgentExecutionPhase } from './agentExecutionPhase.js';
import * as events from './eventFactory.js';
import type { MutableExecution } from './executionRecord.js';
import { ExecutionState, type TerminalExecutionState } from './executionState.js';
import type { TrackerEvent } from './trackerEvent.js';

/**
 * The event a move into `phase` emits, numbered after the record's last, or undefined for the
 * set-up phases, which emit nothing (as in the reference), and the terminal ones, whose event
 * comes from {@link terminalEventOf}.
 * @internal
 */
export function phaseEventOf(
  record: MutableExecution,
  phase: AgentExecutionPhase,
  metadata: Readonly<Record<string, unknown>>,
  now: number,
): TrackerEvent | undefined {
  const P = AgentExecutionPhase;
  switch (phase) {
    case P.STARTING:
      return events.agentStarted(record, now, metadata);
    case P.THINKING:
    case P.TOOL_PREPARATION:
    case P.LLM_INTERACTION:
    case P.RESULT_PROCESSING:
    case P.COMPLETING:
      return events.agentThinking(record, now, phase, metadata);
    case P.TOOL_EXECUTION: {
      const toolName =
        typeof metadata.toolName === 'string' ? metadata.toolName : 'execution_tools';
      const parameters = 'parameters' in metadata ? metadata.parameters : metadata;
      return events.toolExecuting(record, now, toolName, parameters);
    }
    case P.CREATED:
    case P.WEBSOCKET_SETUP:
    case P.CONTEXT_VALIDATION:
    case P.COMPLETED:
    case P.TIMEOUT:
    case P.FAILED:
    case P.CIRCUIT_BREAKER_OPEN:
      return undefined;
  }
}

/**
 * The event that ends an execution in `state`, numbered after the record's last.
 * @internal
 */
export function terminalEventOf(
  record: MutableExecution,
  state: TerminalExecutionState,
  now: number,
): TrackerEvent {
  switch (state) {
    case ExecutionState.COMPLETED:
      return events.agentCompleted(record, now);
    case ExecutionState.FAILED: {
      const breakerOpen = record.phase === AgentExecutionPhase.CIRCUIT_BREAKER_OPEN;
      const errorType = breakerOpen ? 'circuit_breaker_open' : 'failed';
      return events.agentError(record, now, errorType, record.phase);
    }
    case ExecutionState.CANCELLED:
      return events.agentError(record, now, 'cancelled', record.phase);
    case ExecutionState.TIMEOUT:
      return events.agentTimeout(record, now);
    case ExecutionState.DEAD:
      return events.agentDeath(record, now);
  }
}
