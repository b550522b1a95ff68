// The deadline scheduler at scale: the cost of a tick with nothing due at 1M live executions
// against 1k (it should not grow), a heartbeat at both sizes, and the heap used per live
// execution at 1M. Run with --expose-gc for the memory figures.
import {
  createExecutionTracker,
  MemoryExecutionStore,
  type AgentExecutionTracker,
} from '@aet/tracker-core';
import { measure, report } from './measure.js';

const collectGarbage = (globalThis as { gc?: () => void }).gc;

function populate(
  count: number,
  store: boolean,
): { tracker: AgentExecutionTracker; ids: string[] } {
  const tracker = createExecutionTracker({
    heartbeatTimeout: 3_600,
    timeoutConfig: { agentExecutionTimeout: 3_600 },
    // Replication is opt-in: no store unless one is given.
    ...(store ? { store: new MemoryExecutionStore() } : {}),
  });
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    ids.push(
      tracker.createExecution({
        agentName: `agent-${i % 16}`,
        userId: `user-${i % 10_000}-abcdef`,
        threadId: `thread-${i % 50_000}-abcdef`,
      }),
    );
  }
  return { tracker, ids };
}

function heapUsed(): number {
  collectGarbage?.();
  collectGarbage?.();
  return process.memoryUsage().heapUsed;
}

const TICKS = 1_000_000;
async function tickCost(tracker: AgentExecutionTracker): Promise<number> {
  return measure(
    () => {
      for (let i = 0; i < TICKS; i++) tracker.runDueDeadlines();
    },
    { opsPerRound: TICKS, rounds: 15, warmupRounds: 3 },
  );
}

const HEARTBEATS = 200_000;
async function heartbeatCost(tracker: AgentExecutionTracker, ids: string[]): Promise<number> {
  let next = 0;
  return measure(
    () => {
      for (let i = 0; i < HEARTBEATS; i++) {
        tracker.heartbeat(ids[next] as string);
        next = (next + 7919) % ids.length;
      }
    },
    { opsPerRound: HEARTBEATS, rounds: 11, warmupRounds: 2 },
  );
}

const small = populate(1_000, false);
const tickSmallAlone = await tickCost(small.tracker);

const before = heapUsed();
const large = populate(1_000_000, false);
const afterLarge = heapUsed();
const bytesPerExecution = (afterLarge - before) / 1_000_000;
// Both sizes measured in the same process state (1M records alive), alternating, so the ratio
// reflects the scheduler and not the size of the process's heap.
const tickSmall: number[] = [];
const tickLarge: number[] = [];
for (let i = 0; i < 3; i++) {
  tickSmall.push(await tickCost(small.tracker));
  tickLarge.push(await tickCost(large.tracker));
}
const tickSmallNs = Math.min(...tickSmall);
const tickLargeNs = Math.min(...tickLarge);
const beatSmall = await heartbeatCost(small.tracker, small.ids);
const beatLarge = await heartbeatCost(large.tracker, large.ids);
await large.tracker.dispose();
large.ids.length = 0;

const beforeStore = heapUsed();
const withStore = populate(1_000_000, true);
await withStore.tracker.flush();
const afterStore = heapUsed();
const bytesPerExecutionWithStore = (afterStore - beforeStore) / 1_000_000;

report({
  benchmark: 'scheduler',
  tickNoneDueNs: {
    at1kAlone: tickSmallAlone,
    at1k: tickSmallNs,
    at1M: tickLargeNs,
    ratio: tickLargeNs / tickSmallNs,
  },
  heartbeatNs: { at1k: beatSmall, at1M: beatLarge, ratio: beatLarge / beatSmall },
  heapBytesPerLiveExecution: {
    noStore: bytesPerExecution,
    memoryStore: bytesPerExecutionWithStore,
  },
  gcAvailable: collectGarbage !== undefined,
});
await small.tracker.dispose();
await withStore.tracker.dispose();
