import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import {
  CloseCode,
  createEventBridge,
  TrackerEventSource,
  WsBridgeError,
  type EventBridgeOptions,
} from '@aet/ws-bridge';
import { cleanUp, connectAs, onCleanUp, startBridge, verifyToken } from './bridgeHarness.js';
import { runChat, testTracker } from './chatRun.js';
import { TestClient } from './testClient.js';

afterEach(cleanUp);

async function rawClient(url: string): Promise<TestClient> {
  const client = await TestClient.connect(url);
  onCleanUp(async () => {
    client.socket.terminate();
    await client.closed;
  });
  return client;
}

describe('bad input to the bridge', () => {
  it('closes a connection without credentials, or with bad ones, with 4401 before any event', async () => {
    const tracker = testTracker();
    const bridge = await startBridge(new TrackerEventSource(tracker));
    runChat(tracker, 'user-kim-0011');
    const anonymous = await rawClient(bridge.url);
    const forged = await TestClient.connect(bridge.url, { token: 'forged' });
    for (const client of [anonymous, forged]) {
      expect(await client.closed).toEqual({
        code: CloseCode.UNAUTHORIZED,
        reason: 'unauthorized: credentials missing or not accepted',
      });
      expect(client.frames).toEqual([]);
    }
    // A verify that throws (its backend is down) refuses too, and says nothing more.
    // The operator hears of it through onError.
    const reported: unknown[] = [];
    const failing = await startBridge(new TrackerEventSource(tracker), {
      verify: () => Promise.reject(new Error('auth backend down')),
      onError: (error) => reported.push(error),
    });
    const refused = await TestClient.connect(failing.url, { token: 'token-user-kim-0011' });
    expect((await refused.closed).code).toBe(CloseCode.UNAUTHORIZED);
    expect(reported).toMatchObject([
      { code: 'WS_BRIDGE_VERIFY_FAILED', cause: { message: 'auth backend down' } },
    ]);
    expect(bridge.metrics().unauthorized).toBe(2);
    expect(failing.metrics().unauthorized).toBe(1);
  });

  it('answers malformed client frames with an error frame, and closes after too many (4400)', async () => {
    const bridge = await startBridge(new TrackerEventSource(testTracker()), { maxBadFrames: 3 });
    const client = await connectAs(bridge, 'user-lea-0012');
    client.socket.send('{"type":"ping"}');
    await client.until((c) => c.frames.some((frame) => frame.type === 'pong'), 'a pong');
    client.socket.send('not json');
    client.socket.send('{"type":"resume","after":"x"}');
    client.socket.send(Buffer.from([1, 2, 3]), { binary: true });
    await client.until((c) => c.frames.filter((f) => f.type === 'error').length === 3, 'errors');
    expect(client.frames.filter((frame) => frame.type === 'error')).toEqual([
      { type: 'error', code: 'bad_json', message: 'frames must be JSON, like {"type":"ping"}' },
      {
        type: 'error',
        code: 'bad_frame',
        message: 'the only client frame is {"type":"ping"}; resume with ?after=<cursor> in the URL',
      },
      { type: 'error', code: 'binary_frame', message: 'frames must be JSON text, not binary' },
    ]);
    client.socket.send('[]');
    expect(await client.closed).toEqual({
      code: CloseCode.BAD_REQUEST,
      reason: 'too many malformed frames',
    });
    expect(bridge.metrics().badFrames).toBe(4);
  });

  it('closes a connection that sends an oversized frame (1009)', async () => {
    const bridge = await startBridge(new TrackerEventSource(testTracker()), {
      maxClientFrameBytes: 1_024,
    });
    const client = await connectAs(bridge, 'user-max-0013');
    client.socket.send(JSON.stringify({ type: 'ping', padding: 'x'.repeat(2_000) }));
    expect((await client.closed).code).toBe(CloseCode.MESSAGE_TOO_BIG);
  });

  it('refuses a resume cursor it never handed out (4400), before any event', async () => {
    const tracker = testTracker();
    const bridge = await startBridge(new TrackerEventSource(tracker));
    runChat(tracker, 'user-ned-0014');
    const garbage = await TestClient.connect(bridge.url, {
      token: 'token-user-ned-0014',
      after: 'yesterday',
    });
    expect(await garbage.closed).toEqual({
      code: CloseCode.BAD_REQUEST,
      reason: 'after is not a cursor of this bridge',
    });
    const first = await connectAs(bridge, 'user-ned-0014');
    const future = first.lastCursor?.replace(/\.\d+$/, '.999') ?? '';
    const fromTheFuture = await TestClient.connect(bridge.url, {
      token: 'token-user-ned-0014',
      after: future,
    });
    expect(await fromTheFuture.closed).toMatchObject({ code: CloseCode.BAD_REQUEST });
    expect(garbage.frames).toEqual([]);
    expect(fromTheFuture.frames).toEqual([]);
  });

  it('caps the connections of one user (4429) and lets others in', async () => {
    const bridge = await startBridge(new TrackerEventSource(testTracker()), {
      maxConnectionsPerUser: 3,
    });
    const flood = await Promise.all(
      Array.from({ length: 8 }, () =>
        TestClient.connect(bridge.url, { token: 'token-user-ola-0015' }),
      ),
    );
    for (const client of flood)
      onCleanUp(async () => {
        client.socket.terminate();
        await client.closed;
      });
    const outcomes = await Promise.all(
      flood.map((client) =>
        Promise.race([
          client.closed,
          client.until((c) => c.connected !== undefined, 'connected').then(() => 'open' as const),
        ]),
      ),
    );
    expect(outcomes.filter((outcome) => outcome === 'open')).toHaveLength(3);
    expect(outcomes.filter((outcome) => outcome !== 'open')).toEqual(
      Array.from({ length: 5 }, () => ({
        code: CloseCode.TOO_MANY_CONNECTIONS,
        reason: 'too many connections: at most 3 per user',
      })),
    );
    await connectAs(bridge, 'user-pia-0016');
    expect(bridge.metrics()).toMatchObject({ connections: 4, users: 2, overUserCap: 5 });
  });

  it('refuses bad options with a typed error that names them', async () => {
    const source = new TrackerEventSource(testTracker());
    onCleanUp(() => source.close());
    const attempt = (options: Partial<EventBridgeOptions>) =>
      createEventBridge({ source, verify: verifyToken, ...options });
    await expect(attempt({})).rejects.toThrow(
      'give exactly one of `server` (attach to it) and `port` (a server of its own)',
    );
    await expect(attempt({ port: 0, maxBufferedBytes: 10 })).rejects.toMatchObject({
      code: 'WS_BRIDGE_BAD_OPTIONS',
      message: expect.stringContaining('maxBufferedBytes') as string,
    });
    await expect(attempt({ port: 0, verify: 'yes' as never })).rejects.toBeInstanceOf(
      WsBridgeError,
    );
    expect(() => new TrackerEventSource(testTracker(), { eventsPerUser: 0 })).toThrow(
      /eventsPerUser/,
    );
  });

  it('says which port it could not listen on', async () => {
    const first = await startBridge(new TrackerEventSource(testTracker()));
    const port = Number(new URL(first.url).port);
    const source = new TrackerEventSource(testTracker());
    onCleanUp(() => source.close());
    await expect(createEventBridge({ source, verify: verifyToken, port })).rejects.toMatchObject({
      code: 'WS_BRIDGE_LISTEN_FAILED',
      message: expect.stringMatching(
        `^cannot listen on 127.0.0.1:${String(port)}: .*EADDRINUSE`,
      ) as string,
    });
  });

  it('shares an HTTP server: serves its path, leaves other paths to their handlers', async () => {
    const server = createServer((_request, response) => response.end('ok'));
    const chat = new WebSocketServer({ noServer: true });
    server.on('upgrade', (request, socket, head) => {
      if (request.url?.startsWith('/chat') === true) {
        chat.handleUpgrade(request, socket, head, (ws) => {
          ws.send('chat here');
        });
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    onCleanUp(() => new Promise((resolve) => server.close(resolve)));
    onCleanUp(
      () =>
        new Promise((resolve) => {
          chat.close(resolve);
        }),
    );
    const tracker = testTracker();
    const bridge = await createEventBridge({
      source: new TrackerEventSource(tracker),
      verify: verifyToken,
      server,
      path: '/events',
    });
    onCleanUp(() => bridge.close());
    const { port } = server.address() as AddressInfo;
    expect(bridge.url).toBe(`ws://127.0.0.1:${String(port)}/events`);
    const events = await connectAs(bridge, 'user-quinn-0017');
    runChat(tracker, 'user-quinn-0017');
    await events.until((c) => c.events.length === 6, 'a run');
    const chatClient = new WebSocket(`ws://127.0.0.1:${String(port)}/chat`);
    onCleanUp(() => {
      chatClient.terminate();
      return Promise.resolve();
    });
    const greeting = await new Promise<string>((resolve) =>
      chatClient.once('message', (data: Buffer) => {
        resolve(data.toString());
      }),
    );
    expect(greeting).toBe('chat here');
  });

  it('answers a path nobody serves with 404 when it has the server to itself', async () => {
    const bridge = await startBridge(new TrackerEventSource(testTracker()));
    const wrong = new WebSocket(bridge.url.replace('/events', '/nowhere'));
    wrong.on('error', () => undefined);
    const status = await new Promise<number>((resolve) =>
      wrong.once('unexpected-response', (_request, response) => {
        response.destroy();
        resolve(response.statusCode ?? 0);
      }),
    );
    expect(status).toBe(404);
  });
});
