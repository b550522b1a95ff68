// The agents of the support desk. They know nothing about tracking: the engine gives each one a
// context whose ask/useTool go through the timeout and retry wrappers.
import { extractOrderNumber } from './util.js';

export interface ModelClient {
  complete(prompt: string, signal: AbortSignal): Promise<string>;
}
export type ToolFn = (args: Record<string, unknown>, signal: AbortSignal) => Promise<unknown>;

export interface AgentContext {
  readonly userId: string;
  readonly message: string;
  ask(prompt: string): Promise<string>;
  useTool(name: string, args: Record<string, unknown>): Promise<unknown>;
}

export interface ChatAgent {
  readonly name: string;
  handle(context: AgentContext): Promise<string>;
}

export const supportTriageAgent: ChatAgent = {
  name: 'support_triage',
  async handle(ctx) {
    const orderNumber = extractOrderNumber(ctx.message);
    if (orderNumber === undefined) return ctx.ask(`Answer the customer briefly:\n${ctx.message}`);
    const order = (await ctx.useTool('order_lookup', { orderNumber })) as { status: string; eta?: string };
    return `Order #${orderNumber} is ${order.status}.${order.eta ? ` Expected delivery: ${order.eta}.` : ''}`;
  },
};

export const billingAgent: ChatAgent = {
  name: 'billing_assistant',
  async handle(ctx) {
    const invoices = (await ctx.useTool('invoice_search', { customer: ctx.userId })) as unknown[];
    return ctx.ask(`Invoices: ${JSON.stringify(invoices)}\nExplain to the customer: ${ctx.message}`);
  },
};

export const BUILTIN_AGENTS: readonly ChatAgent[] = [supportTriageAgent, billingAgent];
