// Fan-out of events to 1,000 WebSocket clients (100 users × 10 connections, each event to its
// user's 10), on loopback, clients in another process: the bridge (TrackerEventSource → the
// bridge's routing, ring, flow control and wire format) against a bare `ws` server with a map of
// each user's sockets sending the same payloads. Throughput: events as fast as the server takes
// them; latency: 10,000 events/s for a few seconds, p50/p99 from emission to the client.
import { fork, type ChildProcess } from 'node:child_process';
import type { IncomingMessage } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ToolExecutingEvent, TrackerEvent } from '@aet/tracker-core';
import { createEventBridge, toWireEvent, TrackerEventSource } from '@aet/ws-bridge';
import { WebSocketServer, type WebSocket } from 'ws';
import { report } from './measure.js';

const CLIENTS = 1_000;
const USERS = 100;
const FAN_OUT = CLIENTS / USERS;
const THROUGHPUT_EVENTS = Number(process.env.AET_BENCH_WS_EVENTS ?? 50_000);
const LATENCY_RATE = 10_000;
const LATENCY_SECONDS = 3;
const ROUNDS = 5;
const here = dirname(fileURLToPath(import.meta.url));
// CLOCK_MONOTONIC: one clock for every process on the machine (performance.timeOrigin is per
// process, and its error is as large as what is measured).
const now = (): number => Number(process.hrtime.bigint()) / 1e6;

const userOf = (request: IncomingMessage): string | undefined => {
  const token = new URL(request.url ?? '/', 'http://bench').searchParams.get('token');
  return token?.startsWith('token-') === true ? token.slice('token-'.length) : undefined;
};

/** Event `i`: a tool_executing event of user i % USERS, its execution's next seq. */
const seqs = new Map<string, number>();
function eventNumber(i: number, sentAt: number): ToolExecutingEvent {
  const userId = `user-${String(i % USERS)}`;
  const seq = (seqs.get(userId) ?? 0) + 1;
  seqs.set(userId, seq);
  return {
    type: 'tool_executing',
    executionId: `exec_bench_${userId}`,
    userId,
    threadId: `thread_${userId}`,
    runId: `run_bench_${userId}`,
    requestId: `req_bench_${userId}`,
    agentName: 'assistant',
    timestamp: 1_700_000_000_000 + i,
    seq,
    critical: true,
    toolName: 'search',
    parameters: { query: 'weather in Lisbon tomorrow', limit: 5, sentAt },
  };
}

/** How a server under test takes an event. */
interface Server {
  readonly url: string;
  emit(event: TrackerEvent): void;
  close(): Promise<void>;
}

/** The baseline: a bare ws server, each user's sockets in a map, the same payloads. */
async function bareServer(): Promise<Server> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
  await new Promise((resolve) => wss.once('listening', resolve));
  const byUser = new Map<string, Set<WebSocket>>();
  wss.on('connection', (socket, request) => {
    const userId = userOf(request) ?? '';
    let sockets = byUser.get(userId);
    if (sockets === undefined) byUser.set(userId, (sockets = new Set()));
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const { port } = wss.address() as { port: number };
  let cursor = 0;
  return {
    url: `ws://127.0.0.1:${String(port)}/`,
    emit: (event) => {
      const payload = JSON.stringify(toWireEvent(event, String(++cursor)));
      for (const socket of byUser.get(event.userId) ?? []) socket.send(payload);
    },
    close: () =>
      new Promise((resolve) => {
        wss.close(() => {
          resolve(undefined);
        });
      }),
  };
}

/** The candidate: the bridge, fed as a tracker feeds it. */
async function bridgeServer(): Promise<Server & { slowConsumersClosed(): number }> {
  let listener: ((event: TrackerEvent) => void) | undefined;
  const feed = {
    subscribe: (l: (event: TrackerEvent) => void) => {
      listener = l;
      return () => (listener = undefined);
    },
  };
  const source = new TrackerEventSource(feed);
  const bridge = await createEventBridge({
    source,
    verify: userOf,
    port: 0,
    maxConnectionsPerUser: FAN_OUT,
  });
  return {
    url: bridge.url,
    emit: (event) => listener?.(event),
    slowConsumersClosed: () => bridge.metrics().slowConsumersClosed,
    close: async () => {
      await bridge.close();
      await source.close();
    },
  };
}

interface ClientReply {
  ready?: boolean;
  armed?: boolean;
  done?: boolean;
  latencies?: number[];
}

/** The client process, connected to `url`, and a way to wait for its next reply. */
async function clientsOf(
  url: string,
): Promise<{ child: ChildProcess; next(): Promise<ClientReply> }> {
  const child = fork(join(here, 'wsClients.js'), [url, String(CLIENTS), String(USERS)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const replies: ClientReply[] = [];
  let wake: (() => void) | undefined;
  child.on('message', (message: ClientReply) => {
    replies.push(message);
    wake?.();
  });
  const next = async (): Promise<ClientReply> => {
    while (replies.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    return replies.shift() as ClientReply;
  };
  const first = await next();
  if (first.ready !== true) throw new Error('the clients did not connect');
  return { child, next };
}

async function expectMessages(
  clients: Awaited<ReturnType<typeof clientsOf>>,
  total: number,
  latency: boolean,
): Promise<void> {
  clients.child.send({ total, latency });
  await clients.next(); // armed
}

/** Events per second the server fans out (each to FAN_OUT clients), until all arrived. */
async function throughput(
  server: Server,
  clients: Awaited<ReturnType<typeof clientsOf>>,
): Promise<number> {
  await expectMessages(clients, THROUGHPUT_EVENTS * FAN_OUT, false);
  const started = now();
  for (let i = 0; i < THROUGHPUT_EVENTS; i++) {
    server.emit(eventNumber(i, now()));
    if (i % 500 === 499) await new Promise((resolve) => setImmediate(resolve));
  }
  await clients.next(); // done
  return THROUGHPUT_EVENTS / ((now() - started) / 1000);
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Delivery latency at LATENCY_RATE events/s: emission to the client's receipt, in ms. */
async function latency(
  server: Server,
  clients: Awaited<ReturnType<typeof clientsOf>>,
): Promise<{ p50: number; p99: number; max: number }> {
  const total = LATENCY_RATE * LATENCY_SECONDS;
  await expectMessages(clients, total * FAN_OUT, true);
  const started = now();
  let emitted = 0;
  while (emitted < total) {
    const due = Math.min(total, Math.floor(((now() - started) / 1000) * LATENCY_RATE));
    for (; emitted < due; emitted++) server.emit(eventNumber(emitted, now()));
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  const reply = await clients.next();
  const sorted = [...(reply.latencies ?? [])].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN };
}

type Clients = Awaited<ReturnType<typeof clientsOf>>;

const median = (values: readonly number[]): number =>
  [...values].sort((a, b) => a - b)[values.length >> 1] ?? NaN;

// Both servers up at once, each with its own client process; rounds alternate between them, so
// drift and noise fall on both alike.
const bare = await bareServer();
const bridge = await bridgeServer();
const sides: [string, Server, Clients][] = [
  ['baseline', bare, await clientsOf(bare.url)],
  ['bridge', bridge, await clientsOf(bridge.url)],
];
const rates: Record<string, number[]> = { baseline: [], bridge: [] };
const latencies: Record<string, { p50: number; p99: number; max: number }[]> = {
  baseline: [],
  bridge: [],
};
for (const [, server, clients] of sides) await throughput(server, clients); // warm-up
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, server, clients] of sides) rates[name]?.push(await throughput(server, clients));
}
for (let round = 0; round < 2; round++) {
  for (const [name, server, clients] of sides)
    latencies[name]?.push(await latency(server, clients));
}
for (const [, , clients] of sides) {
  clients.child.send({ exit: true });
  await new Promise((resolve) => clients.child.once('exit', resolve));
}
const slowConsumersClosed = bridge.slowConsumersClosed();
await bare.close();
await bridge.close();
const summary = (name: string) => ({
  eventsPerSecond: median(rates[name] ?? []),
  rates: rates[name],
  latencyMs: {
    p50: median((latencies[name] ?? []).map((l) => l.p50)),
    p99: median((latencies[name] ?? []).map((l) => l.p99)),
    max: Math.max(...(latencies[name] ?? []).map((l) => l.max)),
  },
  latencyRuns: latencies[name],
});
const result = { bridge: summary('bridge'), baseline: summary('baseline') };
report({
  clients: CLIENTS,
  users: USERS,
  throughputEvents: THROUGHPUT_EVENTS,
  latencyEventsPerSecond: LATENCY_RATE,
  ...result,
  slowConsumersClosed,
  throughputRatio: result.bridge.eventsPerSecond / result.baseline.eventsPerSecond,
  p99Ratio: result.bridge.latencyMs.p99 / result.baseline.latencyMs.p99,
});
