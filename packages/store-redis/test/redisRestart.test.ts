import { afterEach, describe, expect, it } from 'vitest';
import { AgentExecutionPhase, createExecutionTracker } from '@aet/tracker-core';
import { startRedisServer } from '@aet/test-kit';
import { Redis } from 'ioredis';
import { RedisExecutionStore } from '@aet/store-redis';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('a Redis restart mid-run (a real redis-server, stopped and started again)', () => {
  it('reconnects; the writes queued while it was down are applied or reported; no record is half-written', async () => {
    // Persistence on, as in production: what Redis acknowledged survives its restart.
    const server = await startRedisServer({ appendOnly: true });
    cleanups.push(() => server.stop());
    const store = new RedisExecutionStore({ connection: { path: server.socketPath } });
    cleanups.push(() => store.close());
    const tracker = createExecutionTracker({ store, heartbeatTimeout: 60 });
    cleanups.push(() => tracker.dispose());

    const ids = Array.from({ length: 60 }, (_, i) => {
      const id = tracker.createExecution({
        agentName: 'assistant',
        userId: `user-${i % 6}-restart`,
        threadId: `thread-${i}`,
      });
      tracker.startExecution(id);
      tracker.transitionState(id, AgentExecutionPhase.WEBSOCKET_SETUP);
      return id;
    });
    await tracker.flush();

    // The run goes on while Redis is down: these writes wait in the client's offline queue.
    await server.restart(async () => {
      for (const [i, id] of ids.entries()) {
        tracker.heartbeat(id, { step: 1 });
        if (i % 2 === 0) tracker.completeExecution(id, { result: `answer ${i}` });
        else tracker.failExecution(id, 'upstream failed');
      }
      await new Promise((resolve) => setTimeout(resolve, 200)); // down for a while
    });
    await tracker.flush();

    const { storeErrors } = tracker.getMetrics();
    let applied = 0;
    for (const id of ids) {
      // `get` refuses a hash missing any field (REDIS_FOREIGN_DATA): none is half-written.
      const stored = await store.get(id);
      expect(stored, `${id} is in Redis`).toBeDefined();
      const local = tracker.getExecution(id);
      if (stored?.record.version === local?.version) {
        expect(stored?.record.state).toBe(local?.state);
        applied++;
      }
    }
    // Every write made while Redis was down reached it once it was back.
    expect(applied).toBe(ids.length);
    expect(storeErrors).toBe(0);
    expect(await store.listAlive()).toHaveLength(0);
  }, 30_000);

  it('reports the writes it could not apply (a client that gives up at once) instead of losing them silently', async () => {
    const server = await startRedisServer({ appendOnly: true });
    cleanups.push(() => server.stop());
    const client = new Redis({
      path: server.socketPath,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
    });
    client.on('error', () => undefined); // expected while the server is down
    cleanups.push(() => {
      client.disconnect();
      return Promise.resolve();
    });
    if (client.status !== 'ready') await new Promise((resolve) => client.once('ready', resolve));
    const store = new RedisExecutionStore({ client });
    const tracker = createExecutionTracker({ store, heartbeatTimeout: 60 });
    cleanups.push(() => tracker.dispose());
    const id = tracker.createExecution({
      agentName: 'assistant',
      userId: 'user-0-restart',
      threadId: 'thread-0',
    });
    await tracker.flush();
    expect(tracker.getMetrics().storeErrors).toBe(0);
    await server.restart(async () => {
      tracker.completeExecution(id, { result: 'lost?' });
      await tracker.flush();
    });
    expect(tracker.getMetrics().storeErrors).toBeGreaterThan(0);
    // The record in Redis is the last one written whole, never a mix (read on a new connection).
    const reader = new RedisExecutionStore({ connection: { path: server.socketPath } });
    cleanups.push(() => reader.close());
    const stored = await reader.get(id);
    expect(stored?.record.state).toBe('pending');
  }, 30_000);
});
