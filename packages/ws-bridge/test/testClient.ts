import { WebSocket } from 'ws';
import type { ConnectedFrame, ServerFrame, WireEvent } from '@aet/ws-bridge';

/** How a connection ended. */
export interface Closed {
  readonly code: number;
  readonly reason: string;
}

/**
 * A real WebSocket client on 127.0.0.1 that records every frame it receives, as a chat UI
 * would, and remembers the last cursor to resume from.
 */
export class TestClient {
  readonly frames: ServerFrame[] = [];
  readonly closed: Promise<Closed>;
  private waiters: (() => void)[] = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      this.frames.push(JSON.parse(data.toString('utf8')) as ServerFrame);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.closed = new Promise<Closed>((resolve) => {
      socket.on('close', (code: number, reason: Buffer) => {
        resolve({ code, reason: reason.toString('utf8') });
        for (const wake of this.waiters.splice(0)) wake();
      });
    });
    socket.on('error', () => undefined);
  }

  /** Connects to `url` with `?token=` and, when resuming, `?after=`. Resolves once open. */
  static async connect(
    url: string,
    options: { token?: string; after?: string; headers?: Record<string, string> } = {},
  ): Promise<TestClient> {
    const target = new URL(url);
    if (options.token !== undefined) target.searchParams.set('token', options.token);
    if (options.after !== undefined) target.searchParams.set('after', options.after);
    const client = new TestClient(
      new WebSocket(target, { headers: options.headers ?? {}, perMessageDeflate: false }),
    );
    await new Promise<void>((resolve, reject) => {
      client.socket.once('open', () => {
        resolve();
      });
      client.socket.once('error', reject);
      client.socket.once('close', () => {
        resolve();
      });
    });
    return client;
  }

  /** The event frames received (everything but control frames), in arrival order. */
  get events(): WireEvent[] {
    return this.frames.filter((frame): frame is WireEvent => 'seq' in frame);
  }

  get connected(): ConnectedFrame | undefined {
    return this.frames.find((frame): frame is ConnectedFrame => frame.type === 'connected');
  }

  /** The cursor to resume from: the last event's, or the connection's start. */
  get lastCursor(): string | undefined {
    return this.events.at(-1)?.cursor ?? this.connected?.cursor;
  }

  /** Resolves once `predicate` holds (checked on every frame), or rejects on close/timeout. */
  async until(
    predicate: (client: this) => boolean,
    what: string,
    timeoutMs = 10_000,
  ): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this)) {
      if (this.socket.readyState === WebSocket.CLOSED) {
        throw new Error(`connection closed while waiting for ${what}`);
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(remaining, 250));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): Promise<Closed> {
    this.socket.close();
    return this.closed;
  }
}
