import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  getExecutionTracker,
  type AgentExecutionTracker,
  type TrackerEvent,
} from '@aet/tracker-core';
import { RedisEventStream } from '@aet/store-redis';
// The kit's matchers (toHaveEmittedCriticalEvents) and the type of `inject('aetRedis')`.
import '@aet/test-kit/setup';
import type {} from '@aet/test-kit';
import {
  createEventBridge,
  TrackerEventSource,
  toWireEvent,
  type EventBridge,
  type WireEvent,
} from '@aet/ws-bridge';
import { verifyToken } from './bridgeHarness.js';
import { migratedExample, workspace } from './golden/migratedExample.js';
import { TestClient } from './testClient.js';

// The golden path: the example backend after `aet migrate`, its events served through the
// bridge to 50 users chatting at once over real sockets on 127.0.0.1, in this process and from
// Redis in a second process.

const USERS = Array.from({ length: 50 }, (_, i) => `user_golden_${String(i).padStart(4, '0')}`);
/** 10 %: disconnected mid-run, then resumed. */
const DROPPED = new Set(USERS.filter((_, i) => i % 10 === 3));

interface EngineFactory {
  handleMessage(
    userId: string,
    threadId: string,
    message: string,
    websocketManager: object,
  ): Promise<{ status: string; executionId: string }>;
}

/** The legacy notifier the engine still takes: the bridge delivers now, so it does nothing. */
const silentNotifier = {
  notifyAgentStarted: () => Promise.resolve(),
  notifyAgentThinking: () => Promise.resolve(),
  notifyToolExecuting: () => Promise.resolve(),
  notifyToolCompleted: () => Promise.resolve(),
  notifyAgentCompleted: () => Promise.resolve(),
  notifyAgentError: () => Promise.resolve(),
};

/** The tracker, except that LLM calls wait for `open()`: runs stop mid-way, as a slow model would. */
function withHeldLlm(tracker: AgentExecutionTracker): {
  tracker: AgentExecutionTracker;
  open(): void;
} {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const held = new Proxy(tracker, {
    get(target, property) {
      if (property === 'executeWithCircuitBreaker') {
        return async (...args: Parameters<AgentExecutionTracker['executeWithCircuitBreaker']>) => {
          await opened;
          return target.executeWithCircuitBreaker(...args);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function'
        ? (value as (...a: unknown[]) => unknown).bind(target)
        : value;
    },
  });
  return { tracker: held, open };
}

/** What a user must see: the wire form of what the tracker emitted for them (cursor aside). */
const comparable = (event: WireEvent) => ({ ...event, cursor: undefined });

let example: Awaited<ReturnType<typeof migratedExample>> | undefined;
let bridgeProcess: ChildProcess | undefined;
const prefix = `golden-${String(process.pid)}`;

beforeAll(async () => {
  example = await migratedExample(`ws-golden-${String(process.pid)}`);
}, 180_000);

afterAll(async () => {
  await stopProcess(bridgeProcess);
  await example?.remove();
});

/** SIGTERM (the bridge closes cleanly), then SIGKILL if it has not exited within 10 s. */
async function stopProcess(child: ChildProcess | undefined): Promise<void> {
  if (child === undefined || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

async function startRedisBridgeProcess(socketPath: string): Promise<string> {
  const tsx = join(workspace, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const script = join(
    workspace,
    'packages',
    'ws-bridge',
    'test',
    'golden',
    'redisBridgeProcess.ts',
  );
  const child = spawn(
    process.execPath,
    [tsx, '--conditions=@aet/source', script, socketPath, prefix],
    {
      cwd: workspace,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  bridgeProcess = child;
  const lines = createInterface({ input: child.stdout });
  for await (const line of lines) return (JSON.parse(line) as { url: string }).url;
  throw new Error('the bridge process exited before it listened');
}

async function connectAll(bridge: string): Promise<Map<string, TestClient>> {
  const clients = await Promise.all(
    USERS.map(async (userId) => {
      const client = await TestClient.connect(bridge, { token: `token-${userId}` });
      await client.until((c) => c.connected !== undefined, `${userId} connected`);
      return [userId, client] as const;
    }),
  );
  return new Map(clients);
}

describe('the golden path: the migrated example backend, served through the bridge', () => {
  it('50 users chat at once: each gets exactly their own events, all five in order; 10 % resume mid-run with no gap or duplicate; a bridge in a second process, fed by Redis, delivers the same', async () => {
    const { socketPath } = inject('aetRedis');
    const { ExecutionEngineFactory } = (await import(
      pathToFileURL(join(example?.dir ?? '', 'src', 'engine', 'executionEngineFactory.ts')).href
    )) as {
      ExecutionEngineFactory: new (o?: { timeoutManager?: AgentExecutionTracker }) => EngineFactory;
    };

    // The backend's tracker (the migrated engine uses the SSOT singleton), its events to the
    // bridge in this process and to Redis for the bridge in the other process.
    const tracker = getExecutionTracker();
    const emitted = new Map<string, TrackerEvent[]>(USERS.map((userId) => [userId, []]));
    const unsubscribe = tracker.subscribe((event) => emitted.get(event.userId)?.push(event));
    const stream = new RedisEventStream({ connection: { path: socketPath }, prefix });
    const unsubscribeStream = tracker.subscribe(stream.sink());
    const source = new TrackerEventSource(tracker);
    const local: EventBridge = await createEventBridge({ source, verify: verifyToken, port: 0 });
    const remoteUrl = await startRedisBridgeProcess(socketPath);
    try {
      const bridges = { local: local.url, remote: remoteUrl };
      const first = {
        local: await connectAll(bridges.local),
        remote: await connectAll(bridges.remote),
      };

      const held = withHeldLlm(tracker);
      const factory = new ExecutionEngineFactory({ timeoutManager: held.tracker });
      const runs = Promise.all(
        USERS.map((userId) =>
          factory.handleMessage(
            userId,
            `thread_${userId}`,
            `what is 6 * 7, ${userId}?`,
            silentNotifier,
          ),
        ),
      );
      // Every run is waiting on the LLM: its first events are out.
      for (const clients of Object.values(first)) {
        for (const client of clients.values())
          await client.until((c) => c.events.length >= 3, 'the first events');
      }
      // Mid-run, 10 % of the users lose their connections (on both bridges)...
      const cursors = { local: new Map<string, string>(), remote: new Map<string, string>() };
      for (const side of ['local', 'remote'] as const) {
        for (const userId of DROPPED) {
          const client = first[side].get(userId);
          await client?.close();
          cursors[side].set(userId, client?.lastCursor ?? '');
        }
      }
      // ...the runs go on without them, and they come back with the last cursor they saw.
      held.open();
      const outcomes = await runs;
      expect(outcomes.every((outcome) => outcome.status === 'completed')).toBe(true);
      await stream.flush();
      const resumed = {
        local: await connectResumed(bridges.local, cursors.local),
        remote: await connectResumed(bridges.remote, cursors.remote),
      };

      for (const [index, userId] of USERS.entries()) {
        const mine = emitted.get(userId) ?? [];
        const expected = mine.map((event) =>
          comparable(JSON.parse(JSON.stringify(toWireEvent(event, ''))) as WireEvent),
        );
        for (const side of ['local', 'remote'] as const) {
          const before = first[side].get(userId);
          const after = resumed[side].get(userId);
          await (after ?? before)?.until(
            () => [...(before?.events ?? []), ...(after?.events ?? [])].length >= mine.length,
            `${userId}'s events on the ${side} bridge`,
          );
          const received = [...(before?.events ?? []), ...(after?.events ?? [])];
          // Exactly their own events: what the tracker emitted for them, in order, once each.
          expect(received.map(comparable), `${userId} on the ${side} bridge`).toEqual(expected);
          expect(new Set(received.map((event) => event.cursor)).size).toBe(received.length);
          expect(after?.frames.some((frame) => frame.type === 'events_lost') ?? false).toBe(false);
        }
        // The run's execution: the five critical events in order, seq 1, 2, 3… with no gap.
        expect(mine).toHaveEmittedCriticalEvents({ executionId: outcomes[index]?.executionId });
      }
      // The dropped users did resume mid-run: they had missed events when they came back.
      for (const userId of DROPPED) {
        expect(resumed.local.get(userId)?.events.length).toBeGreaterThan(0);
        expect(resumed.remote.get(userId)?.events.length).toBeGreaterThan(0);
      }
      for (const clients of [first.local, first.remote, resumed.local, resumed.remote]) {
        for (const client of clients.values()) client.socket.terminate();
      }
    } finally {
      unsubscribe();
      unsubscribeStream();
      await local.close();
      await source.close();
      await stream.close();
    }
  }, 120_000);
});

async function connectResumed(
  url: string,
  cursors: Map<string, string>,
): Promise<Map<string, TestClient>> {
  const entries = await Promise.all(
    [...cursors].map(async ([userId, after]) => {
      const client = await TestClient.connect(url, { token: `token-${userId}`, after });
      await client.until((c) => c.connected !== undefined, `${userId} reconnected`);
      return [userId, client] as const;
    }),
  );
  return new Map(entries);
}
