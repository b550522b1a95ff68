import type { Duplex } from 'node:stream';

const STATUS_TEXT = {
  400: 'Bad Request',
  404: 'Not Found',
  500: 'Internal Server Error',
} as const;

/** A status the bridge answers an upgrade request with when it does not take it. */
export type RefusalStatus = keyof typeof STATUS_TEXT;

/**
 * Answers an upgrade request with a plain HTTP error and drops the socket once the answer is
 * written (a client that never reads cannot hold it open).
 * @internal
 */
export function refuseUpgrade(socket: Duplex, status: RefusalStatus): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = STATUS_TEXT[status];
  socket.once('finish', () => {
    socket.destroy();
  });
  socket.end(
    `HTTP/1.1 ${String(status)} ${body}\r\nConnection: close\r\n` +
      `Content-Type: text/plain\r\nContent-Length: ${String(body.length)}\r\n\r\n${body}`,
  );
}

/** The request target as a URL, or undefined when it cannot be parsed (`//`, `//[::1`, …). */
export function parseRequestTarget(target: string | undefined): URL | undefined {
  try {
    return new URL(target ?? '/', 'http://bridge');
  } catch {
    return undefined;
  }
}
