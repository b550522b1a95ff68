// Runs every benchmark in its own process (a clean heap and JIT each) and prints one table of
// ratios measured in the same run. `npm run bench` builds the packages and compiles this first,
// so what is measured is the JavaScript users run.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const BENCHMARKS = [
  'lifecycle',
  'shims',
  'circuitBreaker',
  'scheduler',
  'audit',
  'migrate',
  'redisStore',
  'wsBridge',
] as const;

interface Pair {
  baselineNsPerOp: number;
  candidateNsPerOp: number;
  ratio: number;
}

const results: Record<string, Record<string, unknown>> = {};
for (const name of BENCHMARKS) {
  process.stderr.write(`running ${name}…\n`);
  const output = execFileSync(process.execPath, ['--expose-gc', join(here, `${name}.bench.js`)], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  const line = output.trim().split('\n').at(-1) ?? '{}';
  results[name] = JSON.parse(line) as Record<string, unknown>;
}

const us = (ns: number): string =>
  ns >= 1000 ? `${(ns / 1000).toFixed(2)} µs` : `${ns.toFixed(0)} ns`;
const ratio = (r: number): string => `${r.toFixed(2)}×`;
const rows: string[][] = [];
const pairRow = (what: string, baseline: string, pair: Pair, target: string): void => {
  rows.push([
    what,
    baseline,
    us(pair.candidateNsPerOp),
    us(pair.baselineNsPerOp),
    ratio(pair.ratio),
    target,
  ]);
};

const lifecycle = results.lifecycle as { noStore: Pair; memoryStore: Pair };
pairRow('lifecycle, no store (default)', 'hand-written Map tracker', lifecycle.noStore, '≤ 3×');
pairRow(
  'lifecycle, opt-in MemoryExecutionStore',
  'hand-written Map tracker',
  lifecycle.memoryStore,
  '≤ 3×',
);
const shims = results.shims as { result: Pair; sameAwaits: Pair };
pairRow(
  'AgentStateTracker shim lifecycle',
  'same calls on the tracker, awaited',
  shims.sameAwaits,
  '≤ 1.05×',
);
pairRow(
  'AgentStateTracker shim lifecycle',
  'same calls on the tracker, synchronous',
  shims.result,
  'report',
);
const breaker = results.circuitBreaker as { withTimeout: Pair; signalUnused: Pair; bare: Pair };
pairRow(
  'executeWithCircuitBreaker, fn uses signal',
  'cockatiel 3.2.1 timeout+breaker',
  breaker.withTimeout,
  '≤ 1×',
);
pairRow(
  'executeWithCircuitBreaker, fn ignores signal',
  'cockatiel 3.2.1 timeout+breaker',
  breaker.signalUnused,
  '≤ 1×',
);
pairRow('CircuitBreaker.execute (no deadline)', 'cockatiel 3.2.1 breaker', breaker.bare, '≤ 1×');
const scheduler = results.scheduler as {
  tickNoneDueNs: { at1k: number; at1M: number; ratio: number };
  heartbeatNs: { at1k: number; at1M: number; ratio: number };
  heapBytesPerLiveExecution: { noStore: number; memoryStore: number };
};
rows.push([
  'scheduler tick, nothing due, 1M live',
  'same at 1k live',
  us(scheduler.tickNoneDueNs.at1M),
  us(scheduler.tickNoneDueNs.at1k),
  ratio(scheduler.tickNoneDueNs.ratio),
  '≤ 2×',
]);
rows.push([
  'heartbeat, 1M live (scattered)',
  'same at 1k live',
  us(scheduler.heartbeatNs.at1M),
  us(scheduler.heartbeatNs.at1k),
  ratio(scheduler.heartbeatNs.ratio),
  'report',
]);

const audit = results.audit as {
  audit: { ms: number; filesPerSecond: number };
  plainJscodeshift: { msFor10kExtrapolated: number; filesPerSecond: number };
  speedup: number;
  perMatchedFile: Pair;
};
rows.push([
  'aet audit, 10,000 files (5 % legacy), files/s',
  'plain jscodeshift, same rules, every file',
  `${audit.audit.filesPerSecond.toFixed(0)}/s`,
  `${audit.plainJscodeshift.filesPerSecond.toFixed(0)}/s`,
  `${audit.speedup.toFixed(1)}× faster`,
  '≥ 2,000/s and ≥ 5×',
]);
pairRow('audit of one matched file', 'jscodeshift parse of it', audit.perMatchedFile, '≤ 1.2×');
const migrate = results.migrate as {
  migrate: { ms: number; filesPerSecond: number };
  plainJscodeshift: { msFor10kExtrapolated: number };
  speedup: number;
  perChangedFile: Pair;
};
rows.push([
  'aet migrate --phase all, 10,000 files (5 % legacy), whole run',
  'plain jscodeshift, the 4 transforms one after another, every file',
  `${(migrate.migrate.ms / 1000).toFixed(1)} s`,
  `${(migrate.plainJscodeshift.msFor10kExtrapolated / 1000).toFixed(1)} s`,
  `${migrate.speedup.toFixed(1)}× faster`,
  '≥ 5×',
]);
pairRow(
  'migrate one changed file (4 transforms, 1 parse + print)',
  '4 jscodeshift parse + transform + print',
  migrate.perChangedFile,
  '≤ 1×',
);
const redis = results.redisStore as {
  storeTransitionsPerSecond: number;
  redisBenchmarkEvalshaPerSecond: number;
  ratio: number;
};
rows.push([
  'RedisExecutionStore transitions/s, one process',
  'redis-benchmark, same EVALSHA, -c 50 -P 16',
  `${redis.storeTransitionsPerSecond.toFixed(0)}/s`,
  `${redis.redisBenchmarkEvalshaPerSecond.toFixed(0)}/s`,
  ratio(redis.ratio),
  '≥ 0.5×',
]);
interface WsSide {
  eventsPerSecond: number;
  latencyMs: { p50: number; p99: number };
}
const ws = results.wsBridge as {
  bridge: WsSide;
  baseline: WsSide;
  throughputRatio: number;
  p99Ratio: number;
};
rows.push([
  'ws-bridge fan-out, events/s to 1,000 clients (100 users × 10)',
  'bare ws server, map of user sockets, same payloads',
  `${ws.bridge.eventsPerSecond.toFixed(0)}/s`,
  `${ws.baseline.eventsPerSecond.toFixed(0)}/s`,
  ratio(ws.throughputRatio),
  '≥ 0.7×',
]);
const ms = (value: number): string => `${value.toFixed(1)} ms`;
rows.push([
  'ws-bridge p99 delivery latency at 10,000 events/s (p50)',
  'bare ws server, same load',
  `${ms(ws.bridge.latencyMs.p99)} (${ms(ws.bridge.latencyMs.p50)})`,
  `${ms(ws.baseline.latencyMs.p99)} (${ms(ws.baseline.latencyMs.p50)})`,
  ratio(ws.p99Ratio),
  'report',
]);
const header = ['measured', 'baseline', 'AET', 'baseline', 'ratio', 'target'];
const table = [header, header.map(() => '---'), ...rows]
  .map((row) => `| ${row.join(' | ')} |`)
  .join('\n');
const memory =
  `Heap per live execution at 1M: ${scheduler.heapBytesPerLiveExecution.noStore.toFixed(0)} B ` +
  `(no store, the default), ${scheduler.heapBytesPerLiveExecution.memoryStore.toFixed(0)} B ` +
  '(opt-in MemoryExecutionStore, which holds a replica).';
// Ratios move with the CPU (cache sizes, clock): a table is only ever compared with one measured
// on the same model.
const machine = {
  cpu: cpus()[0]?.model.trim() ?? 'unknown',
  cores: cpus().length,
  node: process.version,
};
console.log(
  `Measured on ${machine.cpu} × ${String(machine.cores)}, Node ${machine.node}\n\n${table}\n\n${memory}`,
);
writeFileSync(join(here, 'results.json'), `${JSON.stringify({ machine, ...results }, null, 2)}\n`);
