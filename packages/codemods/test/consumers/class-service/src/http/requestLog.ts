import { randomUUID } from 'node:crypto';

// Access log of the HTTP layer. Request ids are ours (one per HTTP request, or the edge's),
// echoed back in x-request-id so support can grep the logs.

export type LogSink = (line: string) => void;

export class RequestLogger {
  constructor(private readonly sink: LogSink = (line) => process.stdout.write(`${line}\n`)) {}

  begin(method: string, path: string, incomingId?: string): { requestId: string; end(status: number): void } {
    const requestId = incomingId ?? randomUUID();
    const startedAt = performance.now();
    return {
      requestId,
      end: (status) => this.sink(`${requestId} ${method} ${path} ${status} ${Math.round(performance.now() - startedAt)}ms`),
    };
  }
}
