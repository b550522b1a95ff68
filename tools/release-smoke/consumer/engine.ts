// A small engine an outside user writes against the published packages: type-checked under
// moduleResolution nodenext and bundler by the release smoke test.
import {
  createExecutionTracker,
  ManualClock,
  type AgentExecutionTracker,
  type TrackerEvent,
} from '@aet/tracker-core';
import { EventRecorder, createTestUser } from '@aet/test-kit';

export function runOnce(tracker: AgentExecutionTracker, userId: string): string {
  const id = tracker.createExecution({ agentName: 'summarizer', userId, threadId: 'thread-1' });
  tracker.startExecution(id);
  tracker.completeExecution(id, { result: 'done' });
  return id;
}

const tracker = createExecutionTracker({ clock: new ManualClock(1_700_000_000_000) });
const types: TrackerEvent['type'][] = [];
tracker.subscribe((event) => types.push(event.type));
export const ran: string = runOnce(tracker, createTestUser('user-4821').userId);
export const recorder: typeof EventRecorder = EventRecorder;
