import { randomUUID } from 'node:crypto';
import {
  AgentExecutionPhase,
  getAgentStateTracker,
  type AgentStateTracker,
} from '@aet/legacy-shims/agent-state-tracker';
import { getTimeoutManager } from '@aet/legacy-shims/execution-timeout-manager';
import type { AgentRuntimeConfig } from './config.js';
import { AgentInputError, isCircuitOpenError, isTimeoutError } from './errors.js';
import type { ChatMessage, LlmClient } from './llm.js';
import type { SocketNotifier } from './notifier.js';
import type { ToolRegistry } from './tools.js';
import { describeError, normalizeMessage, truncate } from './util.js';

const SYSTEM_PROMPT =
  'You are the Acme support assistant. Be concise. Use tools to look up orders instead of guessing.';
const MAX_TOOL_STEPS = 3;

export interface AgentRequest {
  userId: string;
  threadId: string;
  message: string;
  history?: ChatMessage[];
  /** Run id to report progress under; a new one is minted when absent. */
  runId?: string;
}

export interface AgentReply {
  runId: string;
  status: 'completed' | 'failed' | 'timeout' | 'unavailable';
  text: string;
  toolsUsed: string[];
  fallback: boolean;
}

/** The support agent: one model conversation per user message, with tool calls in between. */
export class SupportAgent {
  readonly name = 'support_agent';

  constructor(
    private readonly llm: LlmClient,
    private readonly tools: ToolRegistry,
    private readonly config: AgentRuntimeConfig,
    private readonly phases: AgentStateTracker = getAgentStateTracker(),
  ) {}

  async run(request: AgentRequest, notifier?: SocketNotifier): Promise<AgentReply> {
    const runId = request.runId ?? randomUUID();
    const executionId = this.phases.startExecution(this.name, runId, request.userId, {
      threadId: request.threadId,
    });
    const controller = new AbortController();
    const toolsUsed: string[] = [];

    try {
      await this.phases.transitionPhase(executionId, AgentExecutionPhase.WEBSOCKET_SETUP, undefined, notifier);
      await this.phases.transitionPhase(executionId, AgentExecutionPhase.CONTEXT_VALIDATION);
      const message = this.validate(request.message);
      await this.phases.transitionPhase(executionId, AgentExecutionPhase.STARTING, { threadId: request.threadId }, notifier);

      const text = await getTimeoutManager().executeAgentWithTimeout(
        () => this.converse(executionId, runId, message, request.history ?? [], toolsUsed, controller.signal, notifier),
        this.name,
        runId,
        notifier,
      );

      await this.phases.transitionPhase(executionId, AgentExecutionPhase.COMPLETING, undefined, notifier);
      await this.phases.transitionPhase(executionId, AgentExecutionPhase.COMPLETED, { toolsUsed }, notifier);
      this.phases.completeExecution(executionId);
      return { runId, status: 'completed', text, toolsUsed, fallback: false };
    } catch (error) {
      controller.abort(error);
      const phase = isTimeoutError(error)
        ? AgentExecutionPhase.TIMEOUT
        : isCircuitOpenError(error)
          ? AgentExecutionPhase.CIRCUIT_BREAKER_OPEN
          : AgentExecutionPhase.FAILED;
      await this.phases.transitionPhase(executionId, phase, { error: describeError(error) }, notifier);
      this.phases.completeExecution(executionId, false);
      if (error instanceof AgentInputError) throw error;

      const fallback = await getTimeoutManager().createFallbackResponse(this.name, error, runId, notifier);
      const status =
        phase === AgentExecutionPhase.TIMEOUT ? 'timeout' : phase === AgentExecutionPhase.FAILED ? 'failed' : 'unavailable';
      return { runId, status, text: fallback.message, toolsUsed, fallback: true };
    }
  }

  private validate(raw: string): string {
    const message = normalizeMessage(raw);
    if (message.length === 0) throw new AgentInputError('message is empty');
    if (message.length > this.config.maxMessageLength) {
      throw new AgentInputError(`message is longer than ${this.config.maxMessageLength} characters`);
    }
    return message;
  }

  private async converse(
    executionId: string,
    runId: string,
    message: string,
    history: ChatMessage[],
    toolsUsed: string[],
    signal: AbortSignal,
    notifier?: SocketNotifier,
  ): Promise<string> {
    const timeouts = getTimeoutManager();
    const messages: ChatMessage[] = [...history, { role: 'user', content: message }];
    await this.phases.transitionPhase(executionId, AgentExecutionPhase.THINKING, undefined, notifier);

    for (let step = 1; step <= MAX_TOOL_STEPS; step++) {
      await this.phases.transitionPhase(executionId, AgentExecutionPhase.LLM_INTERACTION, { step }, notifier);
      const completion = await timeouts.executeLlmWithCircuitBreaker(
        () => this.llm.complete({ system: SYSTEM_PROMPT, messages }, signal),
        'support_agent.complete',
      );
      if (!completion.toolCall) {
        await this.phases.transitionPhase(executionId, AgentExecutionPhase.RESULT_PROCESSING, undefined, notifier);
        return truncate(completion.text.trim(), 2000);
      }

      const { name, args } = completion.toolCall;
      const tool = this.tools.get(name);
      await this.phases.transitionPhase(
        executionId,
        AgentExecutionPhase.TOOL_EXECUTION,
        { toolName: name, parameters: args },
        notifier,
      );
      const result = await timeouts.executeWithRetry(() => tool.run(args, signal), `tool:${name}`);
      notifier?.notifyToolCompleted(runId, this.name, name, result);
      toolsUsed.push(name);
      messages.push({ role: 'tool', name, content: JSON.stringify(result) });
    }
    throw new Error(`gave up after ${MAX_TOOL_STEPS} tool calls`);
  }
}
