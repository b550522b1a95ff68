import { afterEach, describe, expect, inject, it, vi } from 'vitest';
import { createExecutionTracker, ManualClock, type ExecutionRecord } from '@aet/tracker-core';
import { sendCommand, startRedisServer, type RedisServerHandle } from '@aet/test-kit';
import { RedisExecutionStore, RedisStoreError } from '@aet/store-redis';

const cleanups: (() => Promise<unknown>)[] = [];
// In reverse order, one at a time: a store closes before the server it talks to stops.
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function record(): ExecutionRecord {
  const tracker = createExecutionTracker({
    clock: new ManualClock(1_700_000_000_000),
    store: null,
  });
  const id = tracker.createExecution({
    agentName: 'triage',
    userId: 'user-bad-0001',
    threadId: 'thread-bad-1',
  });
  return tracker.getExecution(id) as ExecutionRecord;
}

async function privateServer(): Promise<RedisServerHandle> {
  const server = await startRedisServer();
  cleanups.push(() => server.stop());
  return server;
}

describe('RedisExecutionStore bad input', () => {
  it('reports an unreachable server as REDIS_UNREACHABLE, quickly', async () => {
    const attempt = RedisExecutionStore.connect({
      connection: { path: '/tmp/aet-no-such-redis.sock' },
      timeoutMs: 1_000,
    });
    await expect(attempt).rejects.toBeInstanceOf(RedisStoreError);
    await expect(
      RedisExecutionStore.connect({
        connection: { path: '/tmp/aet-no-such-redis.sock' },
        timeoutMs: 1_000,
      }),
    ).rejects.toMatchObject({
      code: 'REDIS_UNREACHABLE',
      message: expect.stringContaining('/tmp/aet-no-such-redis.sock') as string,
    });
  });

  it('reports wrong credentials as REDIS_AUTH_FAILED', async () => {
    const server = await privateServer();
    await sendCommand(server.target, ['CONFIG', 'SET', 'requirepass', 'the-right-one']);
    await expect(
      RedisExecutionStore.connect({
        connection: { path: server.socketPath, password: 'a-wrong-one' },
        timeoutMs: 1_000,
      }),
    ).rejects.toMatchObject({ code: 'REDIS_AUTH_FAILED' });
    const ok = await RedisExecutionStore.connect({
      connection: { path: server.socketPath, password: 'the-right-one' },
    });
    cleanups.push(() => ok.close());
    await sendCommand(server.target, ['AUTH', 'the-right-one']).catch(() => undefined);
  });

  it('warns at connect when the server may evict keys', async () => {
    const server = await privateServer();
    await sendCommand(server.target, ['CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lru']);
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const store = await RedisExecutionStore.connect({ connection: { path: server.socketPath } });
    cleanups.push(() => store.close());
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining('maxmemory-policy is "allkeys-lru"'),
      { code: 'AET_REDIS_EVICTION' },
    );
    warn.mockRestore();
  });

  it('refuses to overwrite or misread foreign data under its prefix', async () => {
    const { socketPath } = inject('aetRedis');
    const prefix = `aet-foreign:${process.pid}`;
    const store = new RedisExecutionStore({ connection: { path: socketPath }, prefix });
    cleanups.push(() => store.close());
    const mine = record();
    await sendCommand({ socketPath }, [
      'SET',
      `${prefix}:exec:${mine.id}`,
      'somebody else’s string',
    ]);
    await expect(
      store.write('owner', [{ kind: 'upsert', record: mine }], 1_000),
    ).rejects.toMatchObject({ code: 'REDIS_FOREIGN_DATA' });
    await expect(store.get(mine.id)).rejects.toMatchObject({ code: 'REDIS_FOREIGN_DATA' });
    expect(await sendCommand({ socketPath }, ['GET', `${prefix}:exec:${mine.id}`])).toBe(
      'somebody else’s string',
    );
    const other = record();
    await sendCommand({ socketPath }, [
      'HSET',
      `${prefix}:exec:${other.id}`,
      'name',
      'a foreign hash',
    ]);
    await expect(
      store.write('owner', [{ kind: 'upsert', record: other }], 1_000),
    ).rejects.toMatchObject({ code: 'REDIS_FOREIGN_DATA' });
    expect(await sendCommand({ socketPath }, ['HGETALL', `${prefix}:exec:${other.id}`])).toEqual([
      'name',
      'a foreign hash',
    ]);
  });

  it('refuses a record written by a newer schema instead of misreading it', async () => {
    const { socketPath } = inject('aetRedis');
    const prefix = `aet-schema:${process.pid}`;
    const store = new RedisExecutionStore({ connection: { path: socketPath }, prefix });
    cleanups.push(() => store.close());
    const future = record();
    await sendCommand({ socketPath }, [
      'HSET',
      `${prefix}:exec:${future.id}`,
      'schema',
      '2',
      'record',
      '{"id":"x"}',
      'version',
      '1',
    ]);
    await expect(store.get(future.id)).rejects.toMatchObject({
      code: 'REDIS_SCHEMA_TOO_NEW',
      message: expect.stringContaining('upgrade') as string,
    });
  });
});
