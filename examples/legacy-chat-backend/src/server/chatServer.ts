import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import {
  ExecutionEngineFactory,
  UserExecutionEngineError,
} from '../engine/executionEngineFactory.js';
import { ConnectionRegistry } from './connectionRegistry.js';
import { CLOSE_UNAUTHORIZED, parseClientFrame, type ErrorFrame } from './protocol.js';
import { WebSocketNotifier } from './websocketNotifier.js';

export interface ChatServerOptions {
  /** Bearer tokens and the user each stands for. */
  readonly tokens: Readonly<Record<string, string>>;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** @default 0 (any free port) */
  readonly port?: number;
  /** Largest chat frame answered with an error frame; 4× that closes the socket (1009). @default 16384 */
  readonly maxMessageBytes?: number;
  readonly factory?: ExecutionEngineFactory;
}

export interface ChatServer {
  /** `ws://host:port/chat`; connect with `?token=…`. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * An HTTP server with a WebSocket endpoint at `/chat`. A client connects with a token, sends
 * `{"type":"chat","message":"…"}` and receives its run's events, then a `run_finished` frame.
 */
export async function startChatServer(options: ChatServerOptions): Promise<ChatServer> {
  const maxMessageBytes = options.maxMessageBytes ?? 16_384;
  const connections = new ConnectionRegistry();
  const factory = options.factory ?? new ExecutionEngineFactory();
  const http = createServer((request, response) => {
    const ok = request.url === '/health';
    response.writeHead(ok ? 200 : 404, { 'content-type': 'application/json' });
    response.end(JSON.stringify(ok ? { status: 'ok' } : { error: 'not found' }));
  });
  const wss = new WebSocketServer({ server: http, path: '/chat', maxPayload: maxMessageBytes * 4 });

  wss.on('connection', (socket: WebSocket, request) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const bearer = request.headers.authorization?.replace(/^Bearer\s+/i, '');
    const token = url.searchParams.get('token') ?? bearer;
    const userId = token ? options.tokens[token] : undefined;
    if (userId === undefined) {
      send(socket, {
        type: 'error',
        code: 'unauthorized',
        message: token ? 'invalid token' : 'missing token: connect with ?token=…',
      });
      socket.close(CLOSE_UNAUTHORIZED, 'unauthorized');
      return;
    }
    connections.add(userId, socket);
    send(socket, { type: 'ready', user_id: userId });

    socket.on('message', (data: RawData) => {
      const parsed = parseClientFrame(rawText(data), maxMessageBytes);
      if (parsed.type === 'error') {
        send(socket, parsed);
        return;
      }
      const threadId = parsed.threadId ?? `thread_${userId}`;
      const notifier = new WebSocketNotifier(connections, userId, threadId);
      factory.handleMessage(userId, threadId, parsed.message, notifier).then(
        (outcome) => {
          connections.sendToUser(userId, {
            type: 'run_finished',
            user_id: userId,
            ...outcome,
            run_id: outcome.runId,
          });
        },
        (error: unknown) => {
          const busy = error instanceof UserExecutionEngineError;
          send(socket, {
            type: 'error',
            code: busy ? 'busy' : 'bad_message',
            message: error instanceof Error ? error.message : String(error),
          });
        },
      );
    });
    socket.on('close', () => {
      connections.remove(userId, socket);
    });
    socket.on('error', () => {
      connections.remove(userId, socket);
    });
  });

  await new Promise<void>((resolve) =>
    http.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  );
  const { address, port } = http.address() as AddressInfo;
  return {
    url: `ws://${address}:${port}/chat`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        http.close((error) => {
          if (error) reject(error);
          else resolve();
        });
      }),
  };
}

function send(socket: WebSocket, frame: ErrorFrame | Record<string, unknown>): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}
