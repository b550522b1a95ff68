import type { AgentExecutionTimeoutManager } from '@aet/legacy-shims/execution-timeout-manager';

export class Runner {
  constructor(private readonly timeouts: AgentExecutionTimeoutManager) {}

  async run(agentName: string, runId: string, ws: unknown, work: () => Promise<string>) {
    const answer = await this.timeouts.executeAgentWithTimeout(
      async () => work(),
      agentName,
      runId,
      ws as never,
    );
    const plan = await this.timeouts.executeLlmWithCircuitBreaker(() => work());
    const named = await this.timeouts.executeLlmWithCircuitBreaker(work, 'plan');
    const retried = await this.timeouts.executeWithRetry(work, 'fetch');
    const plain = await this.timeouts.executeWithRetry(() => work());
    const fallback = await this.timeouts.createFallbackResponse(agentName, new Error('x'), runId);
    return { answer, plan, named, retried, plain, fallback, stats: this.timeouts.getExecutionStats() };
  }
}
