// Runs one agent turn: phases on the state tracker, the agent under its timeout manager, LLM calls
// behind the circuit breaker, and a fallback answer when anything goes wrong.
import { AgentExecutionPhase } from '@aet/legacy-shims/agent-state-tracker';
import type { Agent, AgentContext } from './agents.js';
import type { Deps } from './deps.js';
import { errorMessage } from './strings.js';

export type Turn = { readonly agentName: string; readonly userId: string; readonly runId: string; readonly text: string };
export type TurnResult = { ok: boolean; answer: string; executionId: string; errorType?: string };

const failurePhase = (error: unknown): AgentExecutionPhase =>
  !(error instanceof Error)
    ? AgentExecutionPhase.FAILED
    : error.name.endsWith('TimeoutError') || /timed out/i.test(error.message)
      ? AgentExecutionPhase.TIMEOUT
      : error.name === 'CircuitBreakerOpenError'
        ? AgentExecutionPhase.CIRCUIT_BREAKER_OPEN
        : AgentExecutionPhase.FAILED;

export function runAgentTurn(deps: Deps, turn: Turn, agent: Agent): Promise<TurnResult> {
  const { states, timeouts, notifier } = deps;
  // transitionPhase/completeExecution use `this`: keep them bound to their tracker.
  const finish = states.completeExecution.bind(states);
  const executionId = states.startExecution(turn.agentName, turn.runId, turn.userId, {
    textLength: turn.text.length,
  });
  const advance = (phase: AgentExecutionPhase, metadata?: Record<string, unknown>) =>
    states.transitionPhase(executionId, phase, metadata, notifier);
  const controller = new AbortController();

  const contextFor = (user: AgentContext['user']): AgentContext => ({
    userId: turn.userId,
    text: turn.text,
    user,
    signal: controller.signal,
    think: (reasoning) => advance(AgentExecutionPhase.THINKING, reasoning ? { reasoning } : undefined),
    ask: (prompt) =>
      advance(AgentExecutionPhase.LLM_INTERACTION).then(() =>
        timeouts.executeLlmWithCircuitBreaker(() => deps.llm(prompt, controller.signal), 'chat_completion'),
      ),
    useTool: (toolName, parameters, run) =>
      advance(AgentExecutionPhase.TOOL_PREPARATION)
        .then(() => advance(AgentExecutionPhase.TOOL_EXECUTION, { toolName, parameters }))
        .then(run)
        .then((result) => {
          notifier?.notifyToolCompleted?.(turn.runId, turn.agentName, toolName, result);
          return result;
        }),
  });

  return advance(AgentExecutionPhase.WEBSOCKET_SETUP)
    .then(() => advance(AgentExecutionPhase.CONTEXT_VALIDATION))
    .then(() => timeouts.executeWithRetry(() => deps.loadContext(turn.userId), 'load_user_context'))
    .then((user) => advance(AgentExecutionPhase.STARTING, { taskDescription: turn.text }).then(() => user))
    .then((user) =>
      timeouts.executeAgentWithTimeout(() => agent(contextFor(user)), turn.agentName, turn.runId, notifier),
    )
    .then((answer) =>
      advance(AgentExecutionPhase.RESULT_PROCESSING)
        .then(() => advance(AgentExecutionPhase.COMPLETING))
        .then(() => advance(AgentExecutionPhase.COMPLETED, { result: answer }))
        .then(() => finish(executionId, true))
        .then((): TurnResult => ({ ok: true, answer, executionId })),
    )
    .catch((error: unknown) => {
      controller.abort();
      return advance(failurePhase(error), { error: errorMessage(error) })
        .then(() => finish(executionId, false))
        .then(() => timeouts.createFallbackResponse(turn.agentName, error, turn.runId, notifier))
        .then((fb): TurnResult => ({ ok: false, answer: fb.message, executionId, errorType: fb.errorType }));
    })
    .finally(() => controller.abort());
}
