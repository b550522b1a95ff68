import { createExecutionTracker, type AgentExecutionTracker } from '@aet/tracker-core';
import { WebSocket } from 'ws';
import type { WebSocketManager } from '../src/engine/types.js';

/** An isolated SSOT tracker, so tests share no breaker or records; `agentTimeout` in seconds. */
export function isolatedTracker(options: { agentTimeout?: number } = {}): AgentExecutionTracker {
  return createExecutionTracker({
    store: null,
    timeoutConfig: { agentExecutionTimeout: options.agentTimeout ?? 5 },
  });
}

/** A WebSocket manager that records the frames it would send. */
export function recordingManager(): WebSocketManager & {
  readonly events: { type: string; args: unknown[] }[];
} {
  const events: { type: string; args: unknown[] }[] = [];
  const record =
    (type: string) =>
    (...args: unknown[]): Promise<void> => {
      events.push({ type, args });
      return Promise.resolve();
    };
  return {
    events,
    notifyAgentStarted: record('agent_started'),
    notifyAgentThinking: record('agent_thinking'),
    notifyToolExecuting: record('tool_executing'),
    notifyToolCompleted: record('tool_completed'),
    notifyAgentCompleted: record('agent_completed'),
    notifyAgentError: record('agent_error'),
  };
}

export interface Frame {
  readonly type: string;
  readonly [field: string]: unknown;
}

/** A real WebSocket client that records every frame it receives. */
export interface TestClient {
  readonly socket: WebSocket;
  readonly frames: Frame[];
  /** Resolves with the first frame (from now or already received) matching `predicate`. */
  waitFor(predicate: (frame: Frame) => boolean, timeoutMs?: number): Promise<Frame>;
  closed: Promise<{ code: number; reason: string }>;
  send(value: unknown): void;
}

export function connect(url: string, token?: string): Promise<TestClient> {
  const socket = new WebSocket(
    token === undefined ? url : `${url}?token=${encodeURIComponent(token)}`,
  );
  const frames: Frame[] = [];
  const waiters: { predicate: (frame: Frame) => boolean; resolve: (frame: Frame) => void }[] = [];
  socket.on('message', (data) => {
    const frame = JSON.parse((data as Buffer).toString('utf8')) as Frame;
    frames.push(frame);
    for (const waiter of [...waiters]) {
      if (waiter.predicate(frame)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(frame);
      }
    }
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.on('close', (code, reason) => {
      resolve({ code, reason: String(reason) });
    });
  });
  const client: TestClient = {
    socket,
    frames,
    closed,
    send: (value) => {
      socket.send(typeof value === 'string' ? value : JSON.stringify(value));
    },
    waitFor: (predicate, timeoutMs = 5_000) => {
      const seen = frames.find(predicate);
      if (seen) return Promise.resolve(seen);
      return new Promise<Frame>((resolve, reject) => {
        const timer = setTimeout(() => {
          reject(
            new Error(
              `no matching frame within ${timeoutMs} ms; got ${JSON.stringify(frames.map((f) => f.type))}`,
            ),
          );
        }, timeoutMs);
        waiters.push({
          predicate,
          resolve: (frame) => {
            clearTimeout(timer);
            resolve(frame);
          },
        });
      });
    },
  };
  return new Promise((resolve, reject) => {
    socket.once('open', () => {
      resolve(client);
    });
    socket.once('error', reject);
    socket.once('unexpected-response', (_request, response) => {
      reject(new Error(`HTTP ${response.statusCode}`));
    });
  });
}
