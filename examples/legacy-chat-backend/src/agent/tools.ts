/** The tools the scripted agent can call. Deterministic, with a little latency. */
export type ToolName = 'order_lookup' | 'weather' | 'calculator';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const ORDERS: Record<string, string> = { 'A-17': 'shipped', 'B-42': 'processing' };

export async function runTool(name: ToolName, args: Record<string, string>): Promise<unknown> {
  await delay(5);
  switch (name) {
    case 'order_lookup':
      return { orderId: args.orderId, status: ORDERS[args.orderId ?? ''] ?? 'unknown' };
    case 'weather':
      return { city: args.city, forecast: 'sunny', celsius: 21 };
    case 'calculator': {
      const match = /(\d+)\s*([-+*/])\s*(\d+)/.exec(args.expression ?? '');
      if (match === null) return { error: 'not an expression' };
      const [, a, op, b] = match;
      const x = Number(a);
      const y = Number(b);
      const value = op === '+' ? x + y : op === '-' ? x - y : op === '*' ? x * y : x / y;
      return { expression: args.expression, value };
    }
  }
}
