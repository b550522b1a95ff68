// End-to-end run of the chat backend's main flows, one awaited step after another.
import { createConnectionHub, notifierFor } from './src/notifier.js';
import { compactMemory, executionOverview, exportTranscript, handleMessage } from './src/service.js';
import { timeoutStats } from './src/timeouts.js';
import { onLostExecution, trackingHealth, withTracking } from './src/tracking.js';

export async function runScenario(): Promise<void> {
  const hub = createConnectionHub();
  const received: string[] = [];
  for (const userId of ['u_alice', 'user-4821', 'u_carol']) {
    hub.connect(userId, { send: (data) => received.push(`${userId} ${data}`) });
  }
  const lost: string[] = [];
  await onLostExecution((line) => lost.push(line));
  const alice = notifierFor(hub, 'u_alice');
  const bob = notifierFor(hub, 'user-4821');

  // A plain question, a researched one, then an agent that fails (no billing account).
  await handleMessage({ userId: 'u_alice', threadId: 'thread-alice-1', text: 'Where is my order #1182?' }, { notifier: alice });
  await handleMessage(
    { userId: 'user-4821', threadId: 'thread-4821-a', text: 'EU battery regulation 2027', agent: 'research' },
    { notifier: bob },
  );
  await handleMessage(
    { userId: 'user-4821', threadId: 'thread-4821-a', text: 'Why was I charged twice?', agent: 'billing' },
    { notifier: bob },
  );
  // An urgent report is slower than the urgent timeout.
  await handleMessage(
    { userId: 'u_alice', threadId: 'thread-alice-2', text: 'Usage report, quickly', agent: 'report', urgent: true },
    { notifier: alice },
  );

  // Background work: one tracked run that succeeds, one that fails, and a plain job.
  await compactMemory({ userId: 'u_alice', threadId: 'thread-alice-1' }, ['Kettle arrived broken.', 'Refund asked.']);
  const digest = withTracking('nightly_digest', (_ctx, day: string) =>
    Promise.reject(new Error(`digest store offline for ${day}`)),
  );
  await digest({ userId: 'user-4821', threadId: 'thread-4821-a' }, '2024-05-02').catch(() => undefined);
  await exportTranscript('u_alice', 'thread-alice-1', ['Where is my order #1182?', 'It ships tomorrow.']);

  // The LLM provider goes down for Carol: three failures open the breaker, the fourth is refused.
  const llmDown = () => Promise.reject(new Error('LLM upstream returned 502'));
  const carol = notifierFor(hub, 'u_carol');
  for (const text of ['Reset my password', 'Still waiting', 'Hello?', 'Anyone there?']) {
    await handleMessage({ userId: 'u_carol', threadId: 'thread-carol-1', text }, { notifier: carol, llm: llmDown });
  }

  const overview = executionOverview();
  if (overview.active !== 0 || timeoutStats().triage?.circuitBreakerState !== 'open' || !trackingHealth().healthy) {
    throw new Error(`scenario ended in an unexpected state: ${JSON.stringify(overview)}`);
  }
}
