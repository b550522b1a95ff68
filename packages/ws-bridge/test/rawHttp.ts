import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { onCleanUp } from './bridgeHarness.js';

/** A TCP connection that writes what a test says and records every byte the server sends. */
export class RawConnection {
  private received = Buffer.alloc(0);
  private waiters: (() => void)[] = [];
  /** Resolves when the server closed or reset the connection (or it was destroyed here). */
  readonly ended: Promise<void>;

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.received = Buffer.concat([this.received, chunk]);
      this.wake();
    });
    socket.on('error', () => undefined);
    this.ended = new Promise((resolve) => {
      socket.once('close', () => {
        resolve();
        this.wake();
      });
    });
  }

  /** Connects to the host and port of `url` (ws:// or http://). */
  static async open(url: string): Promise<RawConnection> {
    const { hostname, port } = new URL(url);
    const socket = connect({ host: hostname, port: Number(port) });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    const connection = new RawConnection(socket);
    onCleanUp(async () => {
      socket.destroy();
      await connection.ended;
    });
    return connection;
  }

  /** What the server sent so far, as latin1 text (headers, and frame bytes as they are). */
  get text(): string {
    return this.received.toString('latin1');
  }

  get closed(): boolean {
    return this.socket.destroyed || this.socket.readableEnded;
  }

  write(text: string): void {
    this.socket.write(text, 'latin1');
  }

  /** Sends a TCP RST (the way a client that crashed or lost its network goes). */
  reset(): Promise<void> {
    this.socket.resetAndDestroy();
    return this.ended;
  }

  /** Resolves once `predicate` holds for what was received, or the connection ended. */
  async until(
    predicate: (text: string) => boolean,
    what: string,
    timeoutMs = 5_000,
  ): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.text)) {
      if (this.socket.destroyed) throw new Error(`connection ended while waiting for ${what}`);
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`timed out waiting for ${what}: got ${this.text}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(remaining, 100));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Resolves once the server closed the connection, or rejects after `timeoutMs`. */
  async endedWithin(timeoutMs: number, what: string): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.ended,
      new Promise((_resolve, reject) => {
        timer = setTimeout(() => {
          reject(new Error(`the server did not close the connection: ${what}`));
        }, timeoutMs);
      }),
    ]).finally(() => {
      clearTimeout(timer);
    });
  }

  private wake(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }
}

/** A WebSocket upgrade request for `target`, with `extra` header lines, as a client writes it. */
export function upgradeRequest(target: string, extra: readonly string[] = []): string {
  return [
    `GET ${target} HTTP/1.1`,
    'Host: 127.0.0.1',
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
    'Sec-WebSocket-Version: 13',
    ...extra,
    '',
    '',
  ].join('\r\n');
}
