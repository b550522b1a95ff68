// CommonJS code requiring the published tracker (Node >= 20.19 loads ES modules with require()).
const { createExecutionTracker } = require('@aet/tracker-core');

const tracker = createExecutionTracker();
const events = [];
tracker.subscribe((event) => events.push(event.type));
const id = tracker.createExecution({
  agentName: 'summarizer',
  userId: 'user-4821',
  threadId: 't-1',
});
tracker.startExecution(id);
tracker.completeExecution(id, { result: 'done' });
process.stdout.write(`${JSON.stringify({ state: tracker.getExecutionState(id), events })}\n`);
void tracker.dispose();
