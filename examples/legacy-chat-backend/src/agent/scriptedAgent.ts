import type { AgentExecutionPhase } from '../legacy/index.js';
import type { FakeLlm } from './fakeLlm.js';
import { runTool } from './tools.js';

/** What the engine gives an agent run: where to report progress. */
export interface AgentRunHooks {
  phase(phase: AgentExecutionPhase, metadata?: Record<string, unknown>): Promise<void>;
  toolCompleted(toolName: string, result: unknown, durationMs: number): void;
  heartbeat(): Promise<void>;
  /** The LLM call, which the engine routes through its circuit breaker. */
  callLlm<T>(call: () => Promise<T>): Promise<T>;
}

export interface AgentResult {
  readonly finalResponse: string;
  readonly toolName: string;
}

const TOOL_TIMEOUT_MS = 2_000;

/**
 * A scripted agent: think, plan with the LLM, run one tool, answer. `hang` in the message makes
 * it wait forever after planning (to exercise timeouts).
 */
export class ScriptedAgent {
  constructor(
    readonly name: string,
    private readonly llm: FakeLlm,
  ) {}

  async run(message: string, hooks: AgentRunHooks): Promise<AgentResult> {
    await hooks.phase('thinking', { reasoning: 'Reading your message' });
    await hooks.phase('llm_interaction');
    const plan = await hooks.callLlm(() => this.llm.plan(message));
    await hooks.heartbeat();
    if (message.includes('hang')) await new Promise<never>(() => undefined);
    await hooks.phase('tool_execution', { toolName: plan.toolName, parameters: plan.toolArgs });
    const started = Date.now();
    // Hand-rolled timeout around the tool call (the SSOT has deadlines for this).
    const result = await Promise.race([
      runTool(plan.toolName, plan.toolArgs),
      new Promise<never>((_, reject) =>
        setTimeout(() => {
          reject(new Error(`tool ${plan.toolName} timed out`));
        }, TOOL_TIMEOUT_MS),
      ),
    ]);
    hooks.toolCompleted(plan.toolName, result, Date.now() - started);
    await hooks.heartbeat();
    await hooks.phase('result_processing');
    const finalResponse = await hooks.callLlm(() => this.llm.answer(message, result));
    return { finalResponse, toolName: plan.toolName };
  }
}
