import { sleep } from './util.js';

export interface ChatMessage {
  role: 'user' | 'assistant' | 'tool';
  content: string;
  name?: string;
}

export interface LlmPrompt {
  system: string;
  messages: ChatMessage[];
}

export interface LlmCompletion {
  text: string;
  toolCall?: { name: string; args: Record<string, unknown> };
}

export interface LlmClient {
  complete(prompt: LlmPrompt, signal?: AbortSignal): Promise<LlmCompletion>;
}

/**
 * Offline model used in development and demos: answers from a few rules instead of calling the
 * hosted model, so the whole agent loop runs without credentials.
 */
export class LocalRulesModel implements LlmClient {
  constructor(private readonly latencyMs = 5) {}

  async complete(prompt: LlmPrompt, signal?: AbortSignal): Promise<LlmCompletion> {
    await sleep(this.latencyMs, signal);
    const last = prompt.messages[prompt.messages.length - 1];
    if (last?.role === 'tool') {
      return { text: `Here is what I found: ${last.content}` };
    }
    const order = last?.content.match(/order\s+#?(\d{4,})/i);
    if (order) return { text: '', toolCall: { name: 'lookup_order', args: { orderId: order[1] } } };
    if (prompt.system.startsWith('Summarize')) {
      return { text: prompt.messages.map((m) => m.content.split(' ').slice(0, 6).join(' ')).join('; ') };
    }
    return { text: `Thanks for reaching out! You said: "${last?.content ?? ''}"` };
  }
}
