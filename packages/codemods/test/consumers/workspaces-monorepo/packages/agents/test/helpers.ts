import type { ClientConnection, LlmClient, LlmCompletion, LlmPrompt, OutboundFrame } from '../src/index.js';

export function fakeSocket(id = 'ws-1'): { connection: ClientConnection; frames: OutboundFrame[] } {
  const frames: OutboundFrame[] = [];
  return {
    frames,
    connection: { id, open: true, send: (frame: string) => void frames.push(JSON.parse(frame) as OutboundFrame) },
  };
}

/** A model that fails every call, counting them. */
export function brokenModel(message = 'upstream returned 503'): LlmClient & { calls: number } {
  return {
    calls: 0,
    async complete(_prompt: LlmPrompt): Promise<LlmCompletion> {
      this.calls++;
      throw new Error(message);
    },
  };
}
