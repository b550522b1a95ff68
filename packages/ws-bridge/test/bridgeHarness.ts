import type { IncomingMessage } from 'node:http';
import type { Clock } from '@aet/tracker-core';
import {
  createEventBridge,
  type EventBridge,
  type EventBridgeOptions,
  type EventSource,
} from '@aet/ws-bridge';
import { TestClient } from './testClient.js';

const cleanups: (() => Promise<unknown>)[] = [];

/** Runs the registered cleanups, newest first, one at a time (call it in afterEach). */
export async function cleanUp(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
}

export function onCleanUp(cleanup: () => Promise<unknown>): void {
  cleanups.push(cleanup);
}

/** `?token=token-<userId>` stands for `<userId>`; anything else is refused. */
export function verifyToken(request: IncomingMessage): string | undefined {
  const token = new URL(request.url ?? '/', 'http://test').searchParams.get('token');
  return token?.startsWith('token-') === true ? token.slice('token-'.length) : undefined;
}

/** A bridge on its own loopback port, closed after the test. */
export async function startBridge(
  source: EventSource,
  options: Partial<Omit<EventBridgeOptions, 'source'>> & { clock?: Clock } = {},
): Promise<EventBridge> {
  const bridge = await createEventBridge({
    source,
    verify: verifyToken,
    port: 0,
    ...options,
  });
  onCleanUp(() => bridge.close());
  onCleanUp(() => source.close());
  return bridge;
}

/** A client of `userId`, closed after the test. */
export async function connectAs(
  bridge: EventBridge,
  userId: string,
  after?: string,
): Promise<TestClient> {
  const client = await TestClient.connect(bridge.url, {
    token: `token-${userId}`,
    ...(after === undefined ? {} : { after }),
  });
  onCleanUp(async () => {
    client.socket.terminate();
    await client.closed;
  });
  await client.until((c) => c.connected !== undefined, `${userId}'s connected frame`);
  return client;
}
