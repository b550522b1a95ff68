import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { AgentExecutionPhase as P, type AgentExecutionTracker } from '@aet/tracker-core';
import {
  createEventBridge,
  TrackerEventSource,
  WsBridgeError,
  type EventBridge,
} from '@aet/ws-bridge';
import { cleanUp, connectAs, onCleanUp, startBridge, verifyToken } from './bridgeHarness.js';
import { runChat, testTracker } from './chatRun.js';
import { failOnProcessErrors } from './processGuard.js';
import { RawConnection, upgradeRequest } from './rawHttp.js';
import { TestClient } from './testClient.js';

afterEach(cleanUp);
failOnProcessErrors();

/** The user's query string for a raw request. */
const as = (userId: string): string => `/events?token=token-${userId}`;

/** A verify that can be held: while `hold` is set, every call waits for it to be released. */
function holdableVerify(): {
  verify: (request: IncomingMessage) => Promise<string | undefined>;
  calls: () => number;
  hold: () => void;
  release: () => void;
} {
  let calls = 0;
  let gate: Promise<void> | undefined;
  let open = (): void => undefined;
  return {
    verify: async (request) => {
      calls++;
      if (gate !== undefined) await gate;
      return verifyToken(request);
    },
    calls: () => calls,
    hold: () => {
      gate = new Promise((resolve) => (open = resolve));
    },
    release: () => {
      gate = undefined;
      open();
    },
  };
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A bridge that still serves: a new client gets a whole run of its user. */
async function expectServing(bridge: EventBridge, tracker: AgentExecutionTracker): Promise<void> {
  const client = await connectAs(bridge, 'user-probe-0100');
  runChat(tracker, 'user-probe-0100');
  await client.until((c) => c.events.length === 6, 'a run after the attack');
  await client.close();
}

/** Resolves once the bridge has sent `client` everything it had for it (a ping's pong follows it). */
async function settled(client: TestClient): Promise<void> {
  const pongs = (): number => client.frames.filter((frame) => frame.type === 'pong').length;
  const before = pongs();
  client.socket.send('{"type":"ping"}');
  await client.until(() => pongs() > before, 'a pong');
}

/** Sockets open on a server (an upgraded socket counts until it is destroyed). */
function openSockets(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.getConnections((error, count) => {
      if (error) reject(error);
      else resolve(count);
    });
  });
}

describe('the bridge under hostile clients', () => {
  it('answers a request target it cannot parse with 400 and closes the socket', async () => {
    const tracker = testTracker();
    const bridge = await startBridge(new TrackerEventSource(tracker));
    const targets = ['//', '//@', '//x:99999', '//[::1', 'http://[', '//user:pass@/events'];
    for (const target of targets) {
      const raw = await RawConnection.open(bridge.url);
      raw.write(upgradeRequest(target));
      await raw.endedWithin(5_000, `after ${target}`);
      expect(raw.text, target).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    }
    expect(bridge.metrics()).toMatchObject({ badRequests: targets.length, connections: 0 });
    await expectServing(bridge, tracker);
  });

  it('answers malformed upgrade headers with an HTTP error and closes the socket', async () => {
    const tracker = testTracker();
    const bridge = await startBridge(new TrackerEventSource(tracker));
    const key = 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==';
    const requests: Record<string, string> = {
      'no key': `GET ${as('user-eve-0101')} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      'a key that is not 16 bytes': `GET ${as('user-eve-0101')} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: c2hvcnQ=\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      'an old version': `GET ${as('user-eve-0101')} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n${key}\r\nSec-WebSocket-Version: 7\r\n\r\n`,
      'another protocol': `GET ${as('user-eve-0101')} HTTP/1.1\r\nHost: x\r\nUpgrade: h2c\r\nConnection: Upgrade\r\n${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      'a POST': `POST ${as('user-eve-0101')} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n${key}\r\nSec-WebSocket-Version: 13\r\nContent-Length: 0\r\n\r\n`,
      'a malformed subprotocol list': `GET ${as('user-eve-0101')} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n${key}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: ,,a b\r\n\r\n`,
      'headers too large': upgradeRequest(as('user-eve-0101'), [`X-Pad: ${'a'.repeat(20_000)}`]),
      'not HTTP at all': '\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 garbage\r\n\r\n',
    };
    for (const [what, request] of Object.entries(requests)) {
      const raw = await RawConnection.open(bridge.url);
      raw.write(request);
      await raw.endedWithin(5_000, what);
      expect(raw.text, what).toMatch(/^HTTP\/1\.1 4\d\d /);
    }
    expect(bridge.metrics().connections).toBe(0);
    await expectServing(bridge, tracker);
  });

  it('survives a client reset at every stage of the handshake and of authentication', async () => {
    const tracker = testTracker();
    const gate = holdableVerify();
    const bridge = await startBridge(new TrackerEventSource(tracker), { verify: gate.verify });

    // In the middle of the request line, and of the headers.
    for (const partial of ['GET /ev', upgradeRequest(as('user-ray-0102')).slice(0, 60)]) {
      const raw = await RawConnection.open(bridge.url);
      raw.write(partial);
      await raw.reset();
    }

    // After the whole request, while verify is still deciding: accepted, refused, or failing.
    for (const outcome of ['accepted', 'refused'] as const) {
      gate.hold();
      const before = gate.calls();
      const raw = await RawConnection.open(bridge.url);
      raw.write(upgradeRequest(outcome === 'accepted' ? as('user-ray-0102') : '/events'));
      await waitFor(() => gate.calls() === before + 1, 'verify to be called');
      await raw.reset();
      // Let the reset reach the server while the socket waits for verify.
      await new Promise((resolve) => setTimeout(resolve, 50));
      gate.release();
    }

    // Right after the 101, before reading the first frame.
    const upgraded = await RawConnection.open(bridge.url);
    upgraded.write(upgradeRequest(as('user-ray-0102')));
    await upgraded.until((text) => text.startsWith('HTTP/1.1 101'), 'the 101');
    await upgraded.reset();

    // While its events stream.
    const streaming = await RawConnection.open(bridge.url);
    streaming.write(upgradeRequest(as('user-ray-0102')));
    await streaming.until((text) => text.includes('"type":"connected"'), 'the connected frame');
    runChat(tracker, 'user-ray-0102', 50_000);
    await streaming.reset();
    runChat(tracker, 'user-ray-0102', 50_000);

    await expectServing(bridge, tracker);
    await waitFor(() => bridge.metrics().connections === 0, 'the reset connections to go');
  });

  it('closes a port it listens on while a verify is pending, and the pending socket with it', async () => {
    const tracker = testTracker();
    const gate = holdableVerify();
    const source = new TrackerEventSource(tracker);
    onCleanUp(() => source.close());
    const bridge = await createEventBridge({ source, verify: gate.verify, port: 0 });
    gate.hold();
    const raw = await RawConnection.open(bridge.url);
    raw.write(upgradeRequest(as('user-sam-0103')));
    await waitFor(() => gate.calls() === 1, 'verify to be called');
    await bridge.close();
    await raw.endedWithin(5_000, 'the bridge closed');
    gate.release();
  });

  it("never sends a user another user's event: agent data JSON cannot carry goes out marked, in order, on every resume", async () => {
    const tracker = testTracker();
    const errors: unknown[] = [];
    const bridge = await startBridge(new TrackerEventSource(tracker), {
      onError: (error) => errors.push(error),
    });
    const alice = await connectAs(bridge, 'user-alice-0104');
    const bob = await connectAs(bridge, 'user-bob-0105');

    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    const unwritable = {
      toJSON(): never {
        throw new Error('no JSON for this one');
      },
    };
    runChat(tracker, 'user-bob-0105');
    const run = tracker.createExecution({
      agentName: 'assistant',
      userId: 'user-alice-0104',
      threadId: 'thread-alice',
    });
    tracker.startExecution(run);
    for (const phase of [
      P.WEBSOCKET_SETUP,
      P.CONTEXT_VALIDATION,
      P.STARTING,
      P.THINKING,
      P.TOOL_PREPARATION,
    ])
      tracker.transitionState(run, phase);
    tracker.toolStarted(run, 'calculator', { n: 2n ** 70n });
    runChat(tracker, 'user-bob-0105'); // the bridge serializes Bob's events in between
    tracker.toolCompleted(run, 'calculator', { result: cyclic, durationMs: 4 });
    tracker.transitionState(run, P.RESULT_PROCESSING);
    runChat(tracker, 'user-bob-0105');
    tracker.completeExecution(run, { result: { finalResponse: 'done', detail: unwritable } });

    await bob.until((c) => c.events.length === 18, "Bob's three runs");
    await settled(alice);
    const received = alice.events;
    expect(received.map((event) => event.user_id)).toEqual(received.map(() => 'user-alice-0104'));
    expect(received.map((event) => event.seq)).toEqual(received.map((_event, index) => index + 1));
    // A second tab resuming from each cursor (newest first) gets the same events after it, and
    // only those: never the event the bridge serialized before (another user's).
    const cursors = [alice.connected?.cursor ?? '', ...received.map((event) => event.cursor)];
    for (const [index, cursor] of [...cursors.entries()].reverse()) {
      const tab = await connectAs(bridge, 'user-alice-0104', cursor);
      const expected = received.slice(index);
      await settled(tab);
      expect(tab.events.map((event) => event.user_id)).toEqual(
        expected.map(() => 'user-alice-0104'),
      );
      expect(tab.events).toEqual(expected);
      await tab.close();
    }

    const marked = received.filter((event) => event.unserializable !== undefined);
    expect(marked.map((event) => event.type)).toEqual([
      'tool_executing',
      'tool_completed',
      'agent_completed',
    ]);
    expect(marked[0]).toMatchObject({
      tool_name: 'calculator',
      parameters: null,
      unserializable: {
        fields: ['parameters'],
        message: expect.stringContaining('BigInt') as string,
      },
    });
    expect(marked[1]).toMatchObject({
      results: null,
      duration: 4,
      unserializable: { fields: ['results'] },
    });
    expect(marked[2]).toMatchObject({
      final_response: 'done',
      result: null,
      unserializable: { fields: ['result'], message: expect.stringContaining('no JSON') as string },
    });
    expect(bob.events.every((event) => event.user_id === 'user-bob-0105')).toBe(true);

    expect(errors.length).toBeGreaterThanOrEqual(3);
    expect(bridge.metrics().unserializableEvents).toBe(errors.length);
    for (const error of errors) {
      expect(error).toBeInstanceOf(WsBridgeError);
      expect(error).toMatchObject({
        code: 'WS_BRIDGE_UNSERIALIZABLE_EVENT',
        message: expect.stringContaining(run) as string,
      });
    }
  });

  it('frees the slot of a connection it closes as slow at once, before the client completes the close', async () => {
    const tracker = testTracker();
    const bridge = await startBridge(new TrackerEventSource(tracker, { eventsPerUser: 500 }), {
      maxConnectionsPerUser: 1,
      maxBufferedBytes: 1_024,
      closeTimeoutMs: 60_000,
    });
    const slow = await connectAs(bridge, 'user-tia-0106');
    // It stops reading and will not answer the close frame: only its slot matters here.
    (slow.socket as unknown as { _socket: { pause(): void } })._socket.pause();
    for (let run = 0; run < 200 && bridge.metrics().slowConsumersClosed === 0; run++) {
      runChat(tracker, 'user-tia-0106', 100_000);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(bridge.metrics()).toMatchObject({ slowConsumersClosed: 1, connections: 0 });
    // The README's advice: reconnect with the last cursor. Not 4429.
    const back = await connectAs(bridge, 'user-tia-0106', slow.lastCursor);
    expect(back.connected).toBeDefined();
    expect(bridge.metrics()).toMatchObject({ connections: 1, overUserCap: 0 });
  });

  it('terminates a refused or slow-closed socket after closeTimeoutMs when the client never answers the close', async () => {
    const tracker = testTracker();
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    onCleanUp(() => new Promise((resolve) => server.close(resolve)));
    const source = new TrackerEventSource(tracker, { eventsPerUser: 500 });
    onCleanUp(() => source.close());
    const bridge = await createEventBridge({
      source,
      verify: verifyToken,
      server,
      maxBufferedBytes: 1_024,
      closeTimeoutMs: 200,
    });
    onCleanUp(() => bridge.close());

    // Refused (4401): it reads the close frame and never answers it.
    const refused = await RawConnection.open(bridge.url);
    refused.write(upgradeRequest('/events?token=forged'));
    await refused.endedWithin(5_000, 'a refused socket that never answers the close');
    expect(refused.text).toMatch(/^HTTP\/1\.1 101 /);
    expect(refused.text).toContain('unauthorized');

    // Closed as slow (4408): it reads nothing at all.
    const slow = await TestClient.connect(bridge.url, { token: 'token-user-uma-0107' });
    onCleanUp(async () => {
      slow.socket.terminate();
      await slow.closed;
    });
    await slow.until((c) => c.connected !== undefined, 'connected');
    (slow.socket as unknown as { _socket: { pause(): void } })._socket.pause();
    for (let run = 0; run < 200 && bridge.metrics().slowConsumersClosed === 0; run++) {
      runChat(tracker, 'user-uma-0107', 100_000);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(bridge.metrics().slowConsumersClosed).toBe(1);
    await waitFor(() => bridge.metrics().connections === 0, 'the slot to be freed');
    // The server side of the socket is destroyed; the paused client has not read a byte of it.
    const deadline = Date.now() + 5_000;
    while ((await openSockets(server)) > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(await openSockets(server)).toBe(0);
  });
});
