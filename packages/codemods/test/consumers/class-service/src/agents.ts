export interface LlmClient {
  complete(prompt: string): Promise<string>;
}

export interface AgentContext {
  readonly runId: string;
  readonly userId: string;
  askLlm(prompt: string): Promise<string>;
  useTool<T>(toolName: string, parameters: Record<string, unknown>, call: () => Promise<T>): Promise<T>;
}

export interface Agent {
  readonly name: string;
  run(message: string, ctx: AgentContext): Promise<string>;
}

export type KnowledgeBase = { search(query: string): Promise<string[]> };
export type UsageWarehouse = { monthlyUsage(userId: string): Promise<{ month: string; tokens: number }[]> };

/** Answers product questions from the help-center articles. */
export class SupportAgent implements Agent {
  readonly name = 'support_agent';
  constructor(private readonly kb: KnowledgeBase) {}

  async run(message: string, ctx: AgentContext): Promise<string> {
    const articles = await ctx.useTool('kb_search', { query: message, limit: 3 }, () => this.kb.search(message));
    const sources = articles.length > 0 ? articles.map((a) => `- ${a}`).join('\n') : '(no articles)';
    return ctx.askLlm(`Answer using these help articles:\n${sources}\n\nQuestion: ${message}`);
  }
}

/** Summarises the asking user's monthly usage; the warehouse query can be slow. */
export class ReportAgent implements Agent {
  readonly name = 'report_agent';
  constructor(private readonly warehouse: UsageWarehouse) {}

  async run(message: string, ctx: AgentContext): Promise<string> {
    const rows = await this.warehouse.monthlyUsage(ctx.userId);
    const table = rows.map((r) => `${r.month}: ${r.tokens} tokens`).join('\n');
    return ctx.askLlm(`Summarise this usage for the user (${message}):\n${table}`);
  }
}
