// A narrow front for AgentExecutionTimeoutManager: the rest of the code only needs "run an agent
// with a deadline", "call the model through the breaker", "retry a tool" and "apologize".
import { AgentExecutionTimeoutManager, type ExecutionStats } from '@aet/legacy-shims/execution-timeout-manager';

type RunNotifier = Parameters<AgentExecutionTimeoutManager['executeAgentWithTimeout']>[3];

export interface TimeoutFacadeOptions {
  agentTimeoutSeconds: number; modelTimeoutSeconds: number; retries: number; retryDelaySeconds: number;
  provider?: string; // model calls of one provider share a circuit breaker
}

export class TimeoutFacade {
  private readonly manager: AgentExecutionTimeoutManager;

  constructor(options: TimeoutFacadeOptions) {
    this.manager = new AgentExecutionTimeoutManager(
      {
        agentExecutionTimeout: options.agentTimeoutSeconds,
        llmApiTimeout: options.modelTimeoutSeconds,
        maxRetries: options.retries,
        retryBaseDelay: options.retryDelaySeconds,
        retryMaxDelay: options.retryDelaySeconds * 4,
      },
      options.provider ? { breakerKey: `llm:${options.provider}` } : undefined,
    );
  }

  runAgent<T>(agentName: string, runId: string, work: () => Promise<T>, notifier?: RunNotifier): Promise<T> {
    return this.manager.executeAgentWithTimeout(work, agentName, runId, notifier);
  }

  callModel<T>(call: () => Promise<T>, operation = 'chat_completion'): Promise<T> {
    return this.manager.executeLlmWithCircuitBreaker(call, operation);
  }

  withRetry<T>(call: () => Promise<T>, operation: string): Promise<T> {
    return this.manager.executeWithRetry(call, operation);
  }

  /** Sends the apology to the user (as a completed message) and returns its text. */
  async apologize(agentName: string, error: unknown, runId: string, notifier?: RunNotifier): Promise<string> {
    return (await this.manager.createFallbackResponse(agentName, error, runId, notifier)).message;
  }

  stats(): ExecutionStats {
    return this.manager.getExecutionStats();
  }
}
