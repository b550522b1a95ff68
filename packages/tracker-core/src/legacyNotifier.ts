import { AgentExecutionPhase } from './agentExecutionPhase.js';

/**
 * The legacy duck-typed WebSocket manager. Every method is optional and may return a promise;
 * a failure is caught and counted, never thrown into the tracker.
 */
export interface LegacyNotifier {
  notifyAgentStarted?(runId: string, agentName: string, context: Record<string, unknown>): unknown;
  notifyAgentThinking?(
    runId: string,
    agentName: string,
    reasoning: string,
    stepNumber: number,
  ): unknown;
  notifyToolExecuting?(
    runId: string,
    agentName: string,
    toolName: string,
    parameters: unknown,
  ): unknown;
  notifyToolCompleted?(
    runId: string,
    agentName: string,
    toolName: string,
    result: unknown,
  ): unknown;
  notifyAgentCompleted?(
    runId: string,
    agentName: string,
    result: unknown,
    executionTimeMs: number,
  ): unknown;
  notifyAgentError?(
    runId: string,
    agentName: string,
    error: string,
    errorContext: Record<string, unknown>,
  ): unknown;
}

const NOTIFIER_METHODS = [
  'notifyAgentStarted',
  'notifyAgentThinking',
  'notifyToolExecuting',
  'notifyToolCompleted',
  'notifyAgentCompleted',
  'notifyAgentError',
] as const;

/** True when `value` is an object whose notify methods, where present, are functions. */
export function isLegacyNotifier(value: unknown): value is LegacyNotifier {
  if (typeof value !== 'object' || value === null) return false;
  return NOTIFIER_METHODS.every((method) => {
    const member = (value as Record<string, unknown>)[method];
    return member === undefined || typeof member === 'function';
  });
}

/** The reasoning text the legacy tracker sent for each thinking-like phase. */
export const LEGACY_PHASE_MESSAGES: Partial<Record<AgentExecutionPhase, string>> = {
  tool_preparation: 'Preparing tools for execution...',
  llm_interaction: 'Interacting with AI language model...',
  result_processing: 'Processing results...',
  completing: 'Finalizing response...',
};

/** The error text the legacy tracker sent for each failing phase. */
export const LEGACY_ERROR_MESSAGES: Partial<Record<AgentExecutionPhase, string>> = {
  failed: 'Agent execution failed',
  timeout: 'Agent execution timed out',
  circuit_breaker_open: 'Service temporarily unavailable',
};

/** What a phase notification needs to know about the execution. @internal */
export interface PhaseNotification {
  readonly runId: string;
  readonly agentName: string;
  readonly phase: AgentExecutionPhase;
  readonly stepNumber: number;
  readonly totalDurationMs: number;
  readonly metadata: Readonly<Record<string, unknown>>;
}

/**
 * Calls the legacy notifier the way the legacy tracker did for a phase transition (with the run
 * id, not the thread id the consolidated original passed by mistake). Returns the pending call,
 * or undefined when the phase has no notification or the notifier lacks the method.
 * @internal
 */
export function notifyLegacyPhase(notifier: LegacyNotifier, n: PhaseNotification): unknown {
  const P = AgentExecutionPhase;
  const context = { phase: n.phase, total_duration_ms: n.totalDurationMs, metadata: n.metadata };
  switch (n.phase) {
    case P.STARTING:
      return notifier.notifyAgentStarted?.(n.runId, n.agentName, context);
    case P.THINKING:
      return notifier.notifyAgentThinking?.(
        n.runId,
        n.agentName,
        `Agent is thinking... (step ${n.stepNumber})`,
        n.stepNumber,
      );
    case P.TOOL_PREPARATION:
    case P.LLM_INTERACTION:
    case P.RESULT_PROCESSING:
    case P.COMPLETING:
      return notifier.notifyAgentThinking?.(
        n.runId,
        n.agentName,
        LEGACY_PHASE_MESSAGES[n.phase] ?? '',
        n.stepNumber,
      );
    case P.TOOL_EXECUTION: {
      const toolName =
        typeof n.metadata.toolName === 'string' ? n.metadata.toolName : 'execution_tools';
      return notifier.notifyToolExecuting?.(n.runId, n.agentName, toolName, n.metadata);
    }
    case P.COMPLETED:
      return notifier.notifyAgentCompleted?.(
        n.runId,
        n.agentName,
        {
          success: true,
          total_duration_ms: n.totalDurationMs,
          phase_count: n.stepNumber,
          metadata: n.metadata,
        },
        Math.trunc(n.totalDurationMs),
      );
    case P.FAILED:
    case P.TIMEOUT:
    case P.CIRCUIT_BREAKER_OPEN:
      return notifier.notifyAgentError?.(
        n.runId,
        n.agentName,
        LEGACY_ERROR_MESSAGES[n.phase] ?? '',
        context,
      );
    case P.CREATED:
    case P.WEBSOCKET_SETUP:
    case P.CONTEXT_VALIDATION:
      return undefined;
  }
}
