// A runnable tour of the tracker: three chat runs on the real clock, with short timeouts so it
// finishes in about two seconds. One completes (all five critical events), one hangs and times
// out, one stops sending heartbeats and is declared dead. Every event is printed as it arrives.
//
//   npm run example
import {
  AgentExecutionPhase as P,
  createExecutionTracker,
  type TrackerEvent,
  type UserExecutionScope,
} from '@aet/tracker-core';

const tracker = createExecutionTracker({
  heartbeatTimeout: 0.8,
  timeoutConfig: { agentExecutionTimeout: 1.5 },
});
const started = Date.now();

function describeEvent(event: TrackerEvent): string {
  switch (event.type) {
    case 'agent_started':
      return event.taskDescription;
    case 'agent_thinking':
      return `step ${event.stepNumber}: ${event.reasoning}`;
    case 'tool_executing':
      return `${event.toolName}(${JSON.stringify(event.parameters)})`;
    case 'tool_completed':
      return `${event.toolName} → ${JSON.stringify(event.results)} in ${event.durationMs} ms`;
    case 'agent_completed':
      return `"${event.finalResponse}" after ${event.durationMs} ms`;
    case 'agent_error':
      return `${event.errorType}: ${event.error}`;
    case 'agent_death':
      return `silent for ${event.silentForMs} ms`;
    case 'agent_timeout':
      return `deadline ${event.timeoutMs} ms passed`;
  }
}

tracker.subscribe((event) => {
  const at = `${String(Date.now() - started).padStart(5)} ms`;
  const who = `${event.userId}/${event.agentName}`.padEnd(24);
  console.log(`${at}  ${who} #${event.seq}  ${event.type.padEnd(15)} ${describeEvent(event)}`);
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function chat(
  scope: UserExecutionScope,
  agentName: string,
  behaviour: 'answers' | 'hangs' | 'dies',
) {
  const id = scope.createExecution({ agentName });
  scope.startExecution(id);
  for (const phase of [P.WEBSOCKET_SETUP, P.CONTEXT_VALIDATION, P.STARTING])
    scope.transitionState(id, phase);
  scope.transitionState(id, P.THINKING, { metadata: { reasoning: 'Reading the question' } });
  if (behaviour === 'dies') return; // the worker crashed: no more heartbeats
  scope.transitionState(id, P.TOOL_PREPARATION);
  scope.toolStarted(id, 'order_lookup', { orderId: 'A-17' });
  if (behaviour === 'hangs') {
    // Keeps heartbeating, but the tool never returns: the execution deadline ends it.
    for (let beat = 0; beat < 8; beat++) {
      await sleep(250);
      if (!scope.heartbeat(id)) return;
    }
    return;
  }
  await sleep(200);
  scope.toolCompleted(id, 'order_lookup', { result: { status: 'shipped' } });
  scope.transitionState(id, P.RESULT_PROCESSING);
  scope.transitionState(id, P.COMPLETING);
  scope.completeExecution(id, { result: { finalResponse: 'Your order A-17 has shipped.' } });
}

const alice = tracker.forUser({
  userId: 'user-alice-7f3a',
  threadId: 'thread-a1',
  runId: 'run-a1',
});
const bob = tracker.forUser({ userId: 'user-bob-91c2', threadId: 'thread-b1', runId: 'run-b1' });
const carol = tracker.forUser({
  userId: 'user-carol-44d0',
  threadId: 'thread-c1',
  runId: 'run-c1',
});

await Promise.all([
  chat(alice, 'order-agent', 'answers'),
  chat(bob, 'order-agent', 'hangs'),
  chat(carol, 'triage', 'dies'),
]);
await sleep(300);

console.log('\nFinal states:');
for (const scope of [alice, bob, carol]) {
  for (const record of scope.getExecutions()) {
    console.log(
      `  ${scope.userId.padEnd(16)} ${record.id}  ${record.state.padEnd(9)} ${record.error ?? ''}`,
    );
  }
}
console.log('\nMetrics:', JSON.stringify(tracker.getMetrics()));
await tracker.dispose();
