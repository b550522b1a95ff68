export interface Tool {
  readonly name: string;
  readonly description: string;
  run(args: Record<string, unknown>, signal?: AbortSignal): Promise<unknown>;
}

export class ToolRegistry {
  private readonly tools = new Map<string, Tool>();

  register(tool: Tool): this {
    this.tools.set(tool.name, tool);
    return this;
  }

  get(name: string): Tool {
    const tool = this.tools.get(name);
    if (!tool) throw new Error(`unknown tool "${name}"`);
    return tool;
  }
}

export interface OrderInfo {
  status: 'processing' | 'shipped' | 'delivered';
  eta?: string;
}

export function orderLookupTool(orders: Record<string, OrderInfo>): Tool {
  return {
    name: 'lookup_order',
    description: 'Looks up the status of an order by its number',
    async run(args) {
      const orderId = String(args.orderId ?? '');
      const order = orders[orderId];
      if (!order) return { orderId, found: false };
      return { orderId, found: true, ...order };
    },
  };
}
