import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { systemClock, type Clock } from '@aet/tracker-core';
import { WebSocketServer, type RawData, type ServerOptions, type WebSocket } from 'ws';
import { BridgeConnection } from './bridgeConnection.js';
import { emptyCounters, type BridgeMetrics } from './bridgeMetrics.js';
import {
  parseBridgeOptions,
  type EventBridgeOptions,
  type ResolvedBridgeOptions,
} from './bridgeOptions.js';
import { isFrameProblem, parseClientFrame } from './clientFrames.js';
import { CloseCode } from './closeCodes.js';
import { WsBridgeError } from './errors.js';
import type { SourceSubscription } from './eventSource.js';
import { startKeepAlive } from './keepAlive.js';
import { UserConnections } from './userConnections.js';
import { EventSerializer } from './eventSerializer.js';
import { parseRequestTarget, refuseUpgrade } from './upgradeRefusal.js';
import { eventsLostFrame } from './wireFormat.js';

/** A running bridge. */
export interface EventBridge {
  /** `ws://host:port/path` of the listening server. */
  readonly url: string;
  metrics(): BridgeMetrics;
  /** Closes every connection (1001), stops the pings, and closes the server if the bridge made it. */
  close(): Promise<void>;
}

/**
 * Starts a bridge that delivers a source's events to WebSocket clients: each connection is
 * authenticated by `verify` and gets only its user's events, in order, from `?after=<cursor>`
 * when it resumes. Attaches to `server`, or listens on `port` (resolves once listening).
 */
export async function createEventBridge(options: EventBridgeOptions): Promise<EventBridge> {
  const resolved = parseBridgeOptions(options);
  const server = resolved.server ?? createServer(answerPlainHttp);
  const bridge = new WebSocketEventBridge(server, resolved, resolved.server === undefined);
  if (resolved.port !== undefined) {
    const host = resolved.host ?? '127.0.0.1';
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(resolved.port, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
    } catch (error) {
      await bridge.close();
      throw new WsBridgeError(
        'WS_BRIDGE_LISTEN_FAILED',
        `cannot listen on ${host}:${String(resolved.port)}: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }
  return bridge;
}

function answerPlainHttp(_request: IncomingMessage, response: ServerResponse): void {
  response.writeHead(426, { 'content-type': 'application/json', upgrade: 'websocket' });
  response.end(JSON.stringify({ error: 'this endpoint speaks WebSocket only' }));
}

class WebSocketEventBridge implements EventBridge {
  private readonly wss: WebSocketServer;
  private readonly clock: Clock;
  private readonly connections = new UserConnections();
  private readonly subscriptions = new Map<BridgeConnection, SourceSubscription>();
  /** Sockets past the `upgrade` event whose `verify` has not answered yet. */
  private readonly pending = new Set<Duplex>();
  private readonly counters = emptyCounters();
  private readonly serializer: EventSerializer;
  private readonly stopKeepAlive: () => void;
  private closed = false;

  constructor(
    private readonly server: Server,
    private readonly options: ResolvedBridgeOptions,
    private readonly ownsServer: boolean,
  ) {
    this.clock = options.clock ?? systemClock;
    // `closeTimeout` (ws ≥ 8.19) bounds how long a closed socket waits for the client's answer.
    const serverOptions: ServerOptions & { closeTimeout: number } = {
      noServer: true,
      maxPayload: options.maxClientFrameBytes,
      closeTimeout: options.closeTimeoutMs,
    };
    this.wss = new WebSocketServer(serverOptions);
    this.serializer = new EventSerializer((error) => {
      this.counters.unserializableEvents++;
      this.report(error);
    });
    server.on('upgrade', this.onUpgrade);
    this.stopKeepAlive = startKeepAlive(
      this.clock,
      options.pingIntervalMs,
      this.connections,
      () => this.counters.deadPeersTerminated++,
    );
  }

  get url(): string {
    const address = this.server.address();
    if (address === null || typeof address === 'string') {
      throw new WsBridgeError('WS_BRIDGE_CLOSED', 'the server is not listening on a TCP port');
    }
    const { address: host, port } = address satisfies AddressInfo;
    return `ws://${host.includes(':') ? `[${host}]` : host}:${String(port)}${this.options.path}`;
  }

  metrics(): BridgeMetrics {
    return { ...this.counters, connections: this.connections.size, users: this.connections.users };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stopKeepAlive();
    this.server.off('upgrade', this.onUpgrade);
    for (const socket of this.pending) socket.destroy();
    const open = [...this.connections];
    // Each socket goes within closeTimeoutMs: ws destroys one whose client does not answer.
    const gone = open.map((connection) => closedSocket(connection.socket));
    for (const connection of open) connection.close(CloseCode.GOING_AWAY, 'bridge shutting down');
    await Promise.all(gone);
    await new Promise<void>((resolve) => {
      this.wss.close(() => {
        resolve();
      });
    });
    if (this.ownsServer && this.server.listening) {
      await new Promise<void>((resolve, reject) => {
        this.server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
        this.server.closeAllConnections();
      });
    }
  }

  /**
   * Everything from here to an accepted connection is total: a request the bridge cannot parse
   * is answered 400, a socket error at any moment is absorbed (Node removed its own listener at
   * the upgrade, and ws adds one only in `handleUpgrade`), and nothing throws into the server.
   */
  private readonly onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const target = parseRequestTarget(request.url);
    if (target?.pathname !== this.options.path) {
      // Another handler on a shared server may want it; if there is none, say so.
      if (this.server.listenerCount('upgrade') > 1) return;
      socket.on('error', ignoreSocketError);
      if (target === undefined) this.counters.badRequests++;
      refuseUpgrade(socket, target === undefined ? 400 : 404);
      return;
    }
    socket.on('error', ignoreSocketError);
    this.pending.add(socket);
    socket.once('close', () => this.pending.delete(socket));
    void this.authenticate(request).then((userId) => {
      this.pending.delete(socket);
      if (socket.destroyed) return;
      try {
        this.wss.handleUpgrade(request, socket, head, (ws) => {
          this.accept(ws, userId, target.searchParams.get('after') ?? undefined);
        });
      } catch (error) {
        this.fault(error, socket);
      }
    });
  };

  private async authenticate(request: IncomingMessage): Promise<string | undefined> {
    try {
      const userId = await this.options.verify(request);
      return typeof userId === 'string' && userId.length > 0 ? userId : undefined;
    } catch (error) {
      this.report(
        new WsBridgeError('WS_BRIDGE_VERIFY_FAILED', 'verify threw: the connection was refused', {
          cause: error,
        }),
      );
      return undefined;
    }
  }

  private accept(ws: WebSocket, userId: string | undefined, after: string | undefined): void {
    ws.on('error', ignoreSocketError); // a 'close' follows every error
    if (userId === undefined) {
      this.counters.unauthorized++;
      ws.close(CloseCode.UNAUTHORIZED, 'unauthorized: credentials missing or not accepted');
      return;
    }
    const refused = this.refusal(userId, after);
    if (refused !== undefined) {
      ws.close(...refused);
      return;
    }
    const connection = new BridgeConnection(
      randomUUID(),
      userId,
      ws,
      this.options.maxBufferedBytes,
      this.counters,
      this.remove,
    );
    this.connections.add(connection);
    ws.on('pong', () => (connection.alive = true));
    ws.on('message', (data: RawData, isBinary: boolean) => {
      this.onClientFrame(connection, data, isBinary);
    });
    ws.on('close', () => {
      this.remove(connection);
    });
    this.openStream(connection, after).catch((error: unknown) => {
      this.fault(error, ws);
    });
  }

  /** Why a user's connection is refused before it gets anything, or undefined to accept it. */
  private refusal(userId: string, after: string | undefined): [CloseCode, string] | undefined {
    if (this.closed) return [CloseCode.GOING_AWAY, 'bridge shutting down'];
    if (after !== undefined && !this.options.source.isCursor(after)) {
      return [CloseCode.BAD_REQUEST, 'after is not a cursor of this bridge'];
    }
    const cap = this.options.maxConnectionsPerUser;
    if (this.connections.countOf(userId) >= cap) {
      this.counters.overUserCap++;
      return [
        CloseCode.TOO_MANY_CONNECTIONS,
        `too many connections: at most ${String(cap)} per user`,
      ];
    }
    return undefined;
  }

  /**
   * Opens the user's events from the source: what it replays (and any loss) waits in the
   * connection until the `connected` frame is out, then live events follow.
   */
  private async openStream(connection: BridgeConnection, after: string | undefined): Promise<void> {
    let subscription: SourceSubscription;
    try {
      subscription = await this.options.source.open(connection.userId, after, {
        lost: (gap) => {
          connection.sendFrame(eventsLostFrame(after ?? '', gap));
        },
        event: (cursor, event) => {
          connection.send(this.serializer.serialize(cursor, event));
        },
      });
    } catch (error) {
      if (error instanceof WsBridgeError && error.code === 'WS_BRIDGE_BAD_CURSOR') {
        connection.close(CloseCode.BAD_REQUEST, error.message.slice(0, 120));
        return;
      }
      this.counters.sourceFailures++;
      connection.close(
        CloseCode.INTERNAL_ERROR,
        'event source failed: reconnect with ?after=<last cursor>',
      );
      return;
    }
    if (!connection.open) {
      subscription.close();
      return;
    }
    this.subscriptions.set(connection, subscription);
    connection.start({
      type: 'connected',
      user_id: connection.userId,
      connection_id: connection.id,
      cursor: subscription.start,
    });
  }

  private onClientFrame(connection: BridgeConnection, data: RawData, isBinary: boolean): void {
    connection.alive = true;
    const frame = parseClientFrame(data, isBinary);
    if (!isFrameProblem(frame)) {
      connection.sendFrame({ type: 'pong' });
      return;
    }
    this.counters.badFrames++;
    if (++connection.badFrames > this.options.maxBadFrames) {
      connection.close(CloseCode.BAD_REQUEST, 'too many malformed frames');
      return;
    }
    connection.sendFrame({ type: 'error', ...frame });
  }

  /** Takes a connection out of the bridge (when it is closed, and again when its socket is). */
  private readonly remove = (connection: BridgeConnection): void => {
    this.subscriptions.get(connection)?.close();
    this.subscriptions.delete(connection);
    this.connections.remove(connection);
  };

  /** A fault of the bridge while it handled one socket: that socket goes, the bridge stays. */
  private fault(error: unknown, socket: Duplex | WebSocket): void {
    this.report(
      new WsBridgeError('WS_BRIDGE_INTERNAL', 'a connection failed while it was handled', {
        cause: error,
      }),
    );
    if ('terminate' in socket) socket.terminate();
    else socket.destroy();
  }

  /** Tells `onError`, which must not break the bridge when it throws. */
  private report(error: WsBridgeError): void {
    try {
      this.options.onError?.(error);
    } catch {
      // The application's reporter failed; the bridge goes on.
    }
  }
}

function ignoreSocketError(): void {
  // A reset or broken pipe: the socket closes, and its 'close' does the cleaning up.
}

/** Resolves when the socket has closed. */
function closedSocket(socket: WebSocket): Promise<void> {
  if (socket.readyState === socket.CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    socket.once('close', () => {
      resolve();
    });
  });
}
