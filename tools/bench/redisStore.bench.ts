// Transitions per second through RedisExecutionStore from one process, against redis-benchmark
// running the same upsert script (EVALSHA, pipelined, one record per call) on the same private
// server, in one run.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createExecutionTracker, ManualClock, type ExecutionRecord } from '@aet/tracker-core';
import { LUA_SCRIPTS, RedisExecutionStore } from '@aet/store-redis';
import { sendCommand, startRedisServer } from '@aet/test-kit/redis';
import { report } from './measure.js';

const TRANSITIONS = 100_000;
const BATCH = 1_000;
const server = await startRedisServer();

// Real records: 1,000 executions, each written again with a higher version (a transition).
const tracker = createExecutionTracker({ clock: new ManualClock(1_700_000_000_000), store: null });
const records: ExecutionRecord[] = Array.from({ length: BATCH }, (_, i) => {
  const id = tracker.createExecution({
    agentName: 'triage',
    userId: `user-bench-${i % 50}`,
    threadId: 'thread-bench',
  });
  tracker.updateExecutionState(id, 'running');
  return tracker.getExecution(id) as ExecutionRecord;
});

const store = await RedisExecutionStore.connect({
  connection: { path: server.socketPath },
  prefix: 'bench',
});
// Batches overlap (four in flight): commands on one connection are applied in order, so a later
// version still lands after an earlier one, as a process with many executions would write.
const IN_FLIGHT = 4;
async function storeRun(): Promise<number> {
  const started = performance.now();
  const rounds = TRANSITIONS / BATCH;
  for (let round = 0; round < rounds; round += IN_FLIGHT) {
    const group: Promise<void>[] = [];
    for (let k = 0; k < IN_FLIGHT && round + k < rounds; k++) {
      const version = round + k + 2;
      group.push(
        store.write(
          'bench-owner',
          records.map((record) => ({ kind: 'upsert' as const, record: { ...record, version } })),
          10_000,
        ),
      );
    }
    await Promise.all(group);
  }
  return (TRANSITIONS / (performance.now() - started)) * 1000;
}
await storeRun(); // warm up
const storeRate = Math.max(await storeRun(), await storeRun());

// The store's upsert script through redis-benchmark, one transition per call as a client without
// batching would send it: 50 clients, 16 commands per pipeline.
const sha = String(await sendCommand(server.target, ['SCRIPT', 'LOAD', LUA_SCRIPTS.UPSERT_BATCH]));
const sample = records[0] as ExecutionRecord;
const { stdout } = await promisify(execFile)('redis-benchmark', [
  '-s',
  server.socketPath,
  '-n',
  String(TRANSITIONS),
  '-c',
  '50',
  '-P',
  '16',
  '-q',
  'EVALSHA',
  sha,
  '4',
  'bench:alive',
  'bench:leases',
  'bench:exec:rb',
  'bench:user:rb',
  'owner',
  '10000',
  '86400',
  'rb',
  '1',
  'running',
  JSON.stringify(sample),
  '1',
]);
const benchmarkRate = Number(/([\d.]+) requests per second/.exec(stdout)?.[1] ?? Number.NaN);

report({
  benchmark: 'redisStore',
  storeTransitionsPerSecond: storeRate,
  redisBenchmarkEvalshaPerSecond: benchmarkRate,
  ratio: storeRate / benchmarkRate,
});
await store.close();
await server.stop();
