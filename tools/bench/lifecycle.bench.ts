// Full lifecycle of an execution — create, start, two set-up phases, 5 phase transitions with
// events, complete (event), cleanup — through the tracker, against a minimal hand-written Map
// tracker doing the same field writes and building the same event objects for one listener.
import { randomUUID } from 'node:crypto';
import {
  AgentExecutionPhase as P,
  createExecutionTracker,
  MemoryExecutionStore,
  type AgentExecutionTracker,
  type TrackerEvent,
} from '@aet/tracker-core';
import { gcBetweenRounds, measurePair, report, yieldToEventLoop } from './measure.js';

const BATCH = 5_000;
const SETUP = [P.WEBSOCKET_SETUP, P.CONTEXT_VALIDATION] as const;
const WITH_EVENTS = [
  P.STARTING,
  P.THINKING,
  P.TOOL_PREPARATION,
  P.TOOL_EXECUTION,
  P.RESULT_PROCESSING,
] as const;
const EVENT_TYPE: Record<string, string> = {
  starting: 'agent_started',
  thinking: 'agent_thinking',
  tool_preparation: 'agent_thinking',
  tool_execution: 'tool_executing',
  result_processing: 'agent_thinking',
};

interface BaselineRecord {
  id: string;
  agentName: string;
  userId: string;
  threadId: string;
  runId: string;
  state: string;
  phase: string;
  createdAt: number;
  startedAt: number | undefined;
  lastHeartbeatAt: number;
  updatedAt: number;
  completedAt: number | undefined;
  phaseEnteredAt: number;
  history: { from: string; to: string; timestamp: number; durationMs: number }[];
  result: unknown;
  seq: number;
}

/** What a team writes by hand: a Map of records, field writes, event objects, one listener. */
class MapBaseline {
  private readonly records = new Map<string, BaselineRecord>();
  constructor(private readonly listener: (event: object) => void) {}

  run(): void {
    for (let i = 0; i < BATCH; i++) {
      const now = Date.now();
      const id = randomUUID();
      const record: BaselineRecord = {
        id,
        agentName: 'triage',
        userId: 'user-5d1c8e',
        threadId: 'thread-2b7f90',
        runId: randomUUID(),
        state: 'pending',
        phase: 'created',
        createdAt: now,
        startedAt: undefined,
        lastHeartbeatAt: now,
        updatedAt: now,
        completedAt: undefined,
        phaseEnteredAt: now,
        history: [],
        result: undefined,
        seq: 0,
      };
      this.records.set(id, record);
      const started = this.records.get(id) as BaselineRecord;
      started.state = 'starting';
      started.startedAt = Date.now();
      for (const phase of [...SETUP, ...WITH_EVENTS]) this.transition(id, phase);
      const done = this.records.get(id) as BaselineRecord;
      const at = Date.now();
      done.state = 'completed';
      done.completedAt = at;
      done.result = 'ok';
      this.listener({
        type: 'agent_completed',
        ...this.base(done, at),
        status: 'completed',
        result: 'ok',
      });
      this.records.delete(id);
    }
  }

  private transition(id: string, phase: string): void {
    const record = this.records.get(id) as BaselineRecord;
    const now = Date.now();
    record.history.push({
      from: record.phase,
      to: phase,
      timestamp: now,
      durationMs: now - record.phaseEnteredAt,
    });
    record.phase = phase;
    record.phaseEnteredAt = now;
    record.lastHeartbeatAt = now;
    record.updatedAt = now;
    if (phase === 'starting') record.state = 'running';
    const type = EVENT_TYPE[phase];
    if (type !== undefined) this.listener({ type, ...this.base(record, now), phase });
  }

  private base(record: BaselineRecord, now: number) {
    return {
      executionId: record.id,
      userId: record.userId,
      threadId: record.threadId,
      runId: record.runId,
      agentName: record.agentName,
      timestamp: now,
      seq: ++record.seq,
    };
  }
}

function runThroughTracker(tracker: AgentExecutionTracker): void {
  for (let i = 0; i < BATCH; i++) {
    const id = tracker.createExecution({
      agentName: 'triage',
      userId: 'user-5d1c8e',
      threadId: 'thread-2b7f90',
    });
    tracker.startExecution(id);
    for (const phase of SETUP) tracker.transitionState(id, phase);
    for (const phase of WITH_EVENTS) tracker.transitionState(id, phase);
    tracker.completeExecution(id, { result: 'ok' });
    tracker.cleanupState(id);
  }
}

let events = 0;
// Counts deliveries, so both sides build and hand over every event object.
const listener = (event: TrackerEvent | object): void => {
  events += typeof event === 'object' ? 1 : 0;
};
const baseline = new MapBaseline(listener);
// Replication is opt-in: the default tracker has no store, the other replicates into memory.
const withStore = createExecutionTracker({
  eventSinks: [listener],
  store: new MemoryExecutionStore(),
});
const withoutStore = createExecutionTracker({ eventSinks: [listener] });

const options = { opsPerRound: BATCH, rounds: 21, warmupRounds: 6 };
const memoryStore = await measurePair(
  async () => {
    baseline.run();
    await yieldToEventLoop();
  },
  async () => {
    runThroughTracker(withStore);
    await yieldToEventLoop();
  },
  options,
);
const noStore = await measurePair(
  async () => {
    baseline.run();
    await yieldToEventLoop();
  },
  async () => {
    runThroughTracker(withoutStore);
    await yieldToEventLoop();
  },
  options,
);
report({
  benchmark: 'lifecycle',
  description: 'create, start, 7 phase transitions (5 with events), complete, cleanup',
  memoryStore,
  noStore,
  eventsDelivered: events,
  eventsPerExecution: 6,
  gcBetweenRounds,
});
await withStore.dispose();
await withoutStore.dispose();
