import type { ModelClient } from '../src/agents.js';
import type { ChatSocket, OutgoingFrame } from '../src/notifier.js';

/** Collects what the backend would have sent to a browser. */
export class MemorySocket implements ChatSocket {
  readyState = 1;
  readonly frames: OutgoingFrame[] = [];
  send(data: string): void {
    this.frames.push(JSON.parse(data) as OutgoingFrame);
  }
  types(): string[] {
    return this.frames.map((frame) => frame.type);
  }
  ofType(type: string): OutgoingFrame[] {
    return this.frames.filter((frame) => frame.type === type);
  }
}

export function wait(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    });
  });
}

/** A model that answers from a function, optionally slowly (stops when the run is aborted). */
export function scriptedModel(answer: (prompt: string) => string, delayMs = 0): ModelClient & { prompts: string[] } {
  const prompts: string[] = [];
  return {
    prompts,
    async complete(prompt, signal) {
      prompts.push(prompt);
      if (delayMs > 0) await wait(delayMs, signal);
      return answer(prompt);
    },
  };
}

export const failingModel = (message: string): ModelClient => ({
  complete: () => Promise.reject(new Error(message)),
});
