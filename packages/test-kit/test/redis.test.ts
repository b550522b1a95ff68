import { describe, expect, inject, it } from 'vitest';
import { sendCommand, startRedisServer, TestKitError, trackerTest } from '@aet/test-kit';

describe('the Redis fixture', () => {
  it('receives the socket of the server the global setup started', async () => {
    const { socketPath } = inject('aetRedis');
    expect(await sendCommand({ socketPath }, ['PING'])).toBe('PONG');
  });

  let usedPrefix = '';
  trackerTest('gives each test its own key prefix on that server', async ({ redisKeyspace }) => {
    usedPrefix = redisKeyspace.prefix;
    const target = { socketPath: redisKeyspace.socketPath };
    expect(await sendCommand(target, ['SET', `${redisKeyspace.prefix}k`, 'v'])).toBe('OK');
    expect(await sendCommand(target, ['GET', `${redisKeyspace.prefix}k`])).toBe('v');
  });

  it('deletes the previous test’s keys after it', async () => {
    const { socketPath } = inject('aetRedis');
    expect(usedPrefix).not.toBe('');
    expect(await sendCommand({ socketPath }, ['KEYS', `${usedPrefix}*`])).toEqual([]);
  });

  it('fails fast, with the fix, when redis-server is missing', async () => {
    const attempt = startRedisServer({ binary: 'redis-server-that-does-not-exist' });
    await expect(attempt).rejects.toThrow(TestKitError);
    await expect(startRedisServer({ binary: 'redis-server-that-does-not-exist' })).rejects.toThrow(
      /apt-get install -y redis-server/,
    );
  });

  it('starts and stops a private server of its own', async () => {
    const server = await startRedisServer();
    expect(await sendCommand(server.target, ['PING'])).toBe('PONG');
    await server.stop();
    await expect(sendCommand(server.target, ['PING'], 300)).rejects.toThrow();
  });

  it('restarts on the same socket, keeping the data with appendOnly and losing it without', async () => {
    for (const appendOnly of [true, false]) {
      const server = await startRedisServer({ appendOnly });
      try {
        expect(await sendCommand(server.target, ['SET', 'k', 'v'])).toBe('OK');
        const before = server.pid;
        let downWhileRunning = false;
        await server.restart(async () => {
          downWhileRunning = await sendCommand(server.target, ['PING'], 300).then(
            () => false,
            () => true,
          );
        });
        expect(downWhileRunning).toBe(true);
        expect(server.pid).not.toBe(before);
        expect(await sendCommand(server.target, ['GET', 'k'])).toBe(appendOnly ? 'v' : null);
      } finally {
        await server.stop();
      }
    }
  });
});
