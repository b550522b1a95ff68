import { UNSCOPED_USER_ID, type AgentExecutionTracker } from '@aet/tracker-core';

export class Runner {
  constructor(private readonly timeouts: AgentExecutionTracker) {}

  async run(agentName: string, runId: string, ws: unknown, work: () => Promise<string>) {
    // TODO(aet): the timeout manager never knew the user: pass the real user id instead of UNSCOPED_USER_ID
    const answer = await this.timeouts.trackExecutionWithTimeout({
      agentName,
      userId: UNSCOPED_USER_ID,
      runId,
      notifier: ws as never,
    }, async () => work());
    const plan = await this.timeouts.executeWithCircuitBreaker('llm', () => work(), {
      operation: 'llm_request',
    });
    const named = await this.timeouts.executeWithCircuitBreaker('llm', () => work(), {
      operation: 'plan',
    });
    const retried = await this.timeouts.executeWithRetry(() => work(), {
      operation: 'fetch',
    });
    const plain = await this.timeouts.executeWithRetry(() => work());
    const fallback = await this.timeouts.createFallbackResponse(agentName, new Error('x'), runId);
    // TODO(aet): getExecutionStats() became getMetrics(): the LLM breaker is tracker.circuitBreakerStatus('llm'), the config tracker.configuration.timeoutConfig
    return { answer, plan, named, retried, plain, fallback, stats: this.timeouts.getMetrics() };
  }
}
