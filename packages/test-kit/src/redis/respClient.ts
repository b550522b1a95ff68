import { createConnection, type Socket } from 'node:net';

/** Where a Redis listens: a unix socket path, or host and port. */
export type RedisTarget =
  { readonly socketPath: string } | { readonly host: string; readonly port: number };

/** A decoded RESP2 reply. */
export type RespValue = string | number | null | RespValue[] | Error;

/**
 * Sends one command and reads one reply — enough for the kit's own needs (PING, SHUTDOWN,
 * cleanup scripts) without a Redis client dependency. Rejects on connection errors and after
 * `timeoutMs`.
 * @internal
 */
export function sendCommand(
  target: RedisTarget,
  args: readonly string[],
  timeoutMs = 2_000,
): Promise<RespValue> {
  return new Promise((resolve, reject) => {
    const socket: Socket =
      'socketPath' in target
        ? createConnection(target.socketPath)
        : createConnection(target.port, target.host);
    let buffer = Buffer.alloc(0);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no reply from Redis within ${timeoutMs} ms`));
    }, timeoutMs);
    const finish = (error: Error | undefined, value?: RespValue): void => {
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolve(value ?? null);
    };
    socket.on('connect', () => {
      socket.write(encode(args));
    });
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      const parsed = parse(buffer, 0);
      if (parsed !== undefined) finish(undefined, parsed.value);
    });
    socket.on('error', (error) => {
      finish(error);
    });
    socket.on('close', () => {
      // SHUTDOWN closes the connection without replying.
      finish(undefined, null);
    });
  });
}

function encode(args: readonly string[]): string {
  return `*${args.length}\r\n${args.map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`).join('')}`;
}

function parse(buffer: Buffer, offset: number): { value: RespValue; end: number } | undefined {
  const lineEnd = buffer.indexOf('\r\n', offset);
  if (lineEnd === -1) return undefined;
  const kind = String.fromCharCode(buffer[offset] ?? 0);
  const line = buffer.toString('utf8', offset + 1, lineEnd);
  const next = lineEnd + 2;
  switch (kind) {
    case '+':
      return { value: line, end: next };
    case '-':
      return { value: new Error(line), end: next };
    case ':':
      return { value: Number(line), end: next };
    case '$': {
      const length = Number(line);
      if (length === -1) return { value: null, end: next };
      if (buffer.length < next + length + 2) return undefined;
      return { value: buffer.toString('utf8', next, next + length), end: next + length + 2 };
    }
    case '*': {
      const count = Number(line);
      if (count === -1) return { value: null, end: next };
      const items: RespValue[] = [];
      let position = next;
      for (let i = 0; i < count; i++) {
        const item = parse(buffer, position);
        if (item === undefined) return undefined;
        items.push(item.value);
        position = item.end;
      }
      return { value: items, end: position };
    }
    default:
      return { value: new Error(`unexpected RESP reply: ${line}`), end: next };
  }
}
