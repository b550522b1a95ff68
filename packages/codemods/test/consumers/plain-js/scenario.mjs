// The backend's main flows, end to end: two customers chat with the triage agent (one order is
// found, one is not), then a thread is summarised for hand-over. Runs in well under a second.
import { ChatService } from './src/chatService.js';

/** A chat socket that keeps the frames it was sent. */
function recordingSocket() {
  /** @type {string[]} */
  const frames = [];
  return { readyState: 1, frames, send: (/** @type {string} */ data) => void frames.push(data) };
}

/** @returns {Promise<void>} */
export async function runScenario() {
  const sockets = new Map([
    ['u_alice', recordingSocket()],
    ['user-4821', recordingSocket()],
  ]);
  const service = await ChatService.create(sockets);

  // Alice asks about an order that exists: classify → lookup_order → reply.
  const found = await service.handleMessage({
    userId: 'u_alice',
    threadId: 'thr_alice_01',
    runId: 'run_thr_alice_01_0001',
    text: 'Hi, where is my order ORD-1042?',
  });
  if (!found.ok) throw new Error(`expected an answer for u_alice, got ${found.reason}`);

  // Bob asks about an order that does not exist: the tool throws, he gets the fallback reply.
  const missing = await service.handleMessage({
    userId: 'user-4821',
    threadId: 'thr_4821_07',
    runId: 'run_thr_4821_07_0001',
    text: 'Can you check order ORD-9999 for me?',
  });
  if (missing.ok) throw new Error('expected the lookup of ORD-9999 to fail');

  // Alice follows up without an order id, then her thread is summarised for a human agent.
  await service.handleMessage({
    userId: 'u_alice',
    threadId: 'thr_alice_01',
    runId: 'run_thr_alice_01_0002',
    text: 'Also, how do I change the email on my account?',
  });
  await service.summarizeThread('u_alice', 'thr_alice_01');

  const health = await service.health();
  if (health.runs.finished !== 3 || health.runs.failures !== 1) {
    throw new Error(`unexpected run summary: ${JSON.stringify(health.runs)}`);
  }
}
