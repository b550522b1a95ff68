/** A deterministic stand-in for an LLM: plans a tool call and writes the answer. */
export interface LlmPlan {
  readonly reasoning: string;
  readonly toolName: 'order_lookup' | 'weather' | 'calculator';
  readonly toolArgs: Record<string, string>;
}

/** Thrown for messages that ask the fake LLM to fail (scripted outage). */
export class LlmUnavailableError extends Error {
  override readonly name = 'LlmUnavailableError';
}

export class FakeLlm {
  /** Picks the tool for a message; `llm-fail` in the message simulates an outage. */
  plan(message: string): Promise<LlmPlan> {
    if (message.includes('llm-fail')) {
      return Promise.reject(new LlmUnavailableError('upstream model returned 503'));
    }
    if (/order\s+([A-Z]-\d+)/i.test(message)) {
      const orderId = /order\s+([A-Z]-\d+)/i.exec(message)?.[1] ?? '';
      return Promise.resolve({
        reasoning: `Looking up order ${orderId}`,
        toolName: 'order_lookup',
        toolArgs: { orderId },
      });
    }
    if (/\d+\s*[-+*/]\s*\d+/.test(message)) {
      const expression = /\d+\s*[-+*/]\s*\d+/.exec(message)?.[0] ?? '0';
      return Promise.resolve({
        reasoning: 'Doing the arithmetic',
        toolName: 'calculator',
        toolArgs: { expression },
      });
    }
    return Promise.resolve({
      reasoning: 'Checking the weather',
      toolName: 'weather',
      toolArgs: { city: 'Lisbon' },
    });
  }

  /** Writes the final answer from the tool's result. */
  answer(message: string, toolResult: unknown): Promise<string> {
    return Promise.resolve(
      `You asked "${message}". Here is what I found: ${JSON.stringify(toolResult)}`,
    );
  }
}
