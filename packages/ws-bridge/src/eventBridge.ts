import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { systemClock, type Clock, type TrackerEvent } from '@aet/tracker-core';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
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
import { eventsLostFrame, toWireEvent } from './wireFormat.js';

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
  private readonly counters = emptyCounters();
  private readonly stopKeepAlive: () => void;
  private closed = false;
  // Events of one user go to each of their connections: serialize once.
  private lastEvent: TrackerEvent | undefined;
  private lastCursor = '';
  private lastPayload = '';

  constructor(
    private readonly server: Server,
    private readonly options: ResolvedBridgeOptions,
    private readonly ownsServer: boolean,
  ) {
    this.clock = options.clock ?? systemClock;
    this.wss = new WebSocketServer({ noServer: true, maxPayload: options.maxClientFrameBytes });
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
    const open = [...this.connections];
    for (const connection of open) connection.close(CloseCode.GOING_AWAY, 'bridge shutting down');
    const sockets = open.map((connection) => connection.socket);
    await Promise.all(sockets.map((socket) => this.closedWithin(socket, 2_000)));
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

  private readonly onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const url = new URL(request.url ?? '/', 'http://bridge');
    if (url.pathname !== this.options.path) {
      // Another handler on a shared server may want it; if there is none, say so.
      if (this.server.listenerCount('upgrade') === 1) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      }
      return;
    }
    void this.authenticate(request).then((userId) => {
      if (socket.destroyed) return;
      this.wss.handleUpgrade(request, socket, head, (ws) => {
        this.accept(ws, userId, url.searchParams.get('after') ?? undefined);
      });
    });
  };

  private async authenticate(request: IncomingMessage): Promise<string | undefined> {
    try {
      const userId = await this.options.verify(request);
      return typeof userId === 'string' && userId.length > 0 ? userId : undefined;
    } catch {
      return undefined;
    }
  }

  private accept(ws: WebSocket, userId: string | undefined, after: string | undefined): void {
    ws.on('error', () => undefined); // a 'close' follows every error
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
    );
    this.connections.add(connection);
    ws.on('pong', () => (connection.alive = true));
    ws.on('message', (data: RawData, isBinary: boolean) => {
      this.onClientFrame(connection, data, isBinary);
    });
    ws.on('close', () => {
      this.remove(connection);
    });
    this.openStream(connection, after);
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
  private openStream(connection: BridgeConnection, after: string | undefined): void {
    this.options.source
      .open(connection.userId, after, {
        lost: (gap) => {
          connection.sendFrame(eventsLostFrame(after ?? '', gap));
        },
        event: (cursor, event) => {
          connection.send(this.serialize(cursor, event));
        },
      })
      .then(
        (subscription) => {
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
        },
        (error: unknown) => {
          if (error instanceof WsBridgeError && error.code === 'WS_BRIDGE_BAD_CURSOR') {
            connection.close(CloseCode.BAD_REQUEST, error.message.slice(0, 120));
            return;
          }
          this.counters.sourceFailures++;
          connection.close(
            CloseCode.INTERNAL_ERROR,
            'event source failed: reconnect with ?after=<last cursor>',
          );
        },
      );
  }

  private serialize(cursor: string, event: TrackerEvent): string {
    if (event !== this.lastEvent || cursor !== this.lastCursor) {
      this.lastEvent = event;
      this.lastCursor = cursor;
      this.lastPayload = JSON.stringify(toWireEvent(event, cursor));
    }
    return this.lastPayload;
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

  private remove(connection: BridgeConnection): void {
    this.subscriptions.get(connection)?.close();
    this.subscriptions.delete(connection);
    this.connections.remove(connection);
  }

  private closedWithin(socket: WebSocket, graceMs: number): Promise<void> {
    if (socket.readyState === socket.CLOSED) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = this.clock.setTimer(graceMs, () => {
        socket.terminate();
        resolve();
      });
      socket.once('close', () => {
        timer.cancel();
        resolve();
      });
    });
  }
}
