// One short run on the published @aet/store-redis and @aet/ws-bridge: a tracker replicating to
// a real redis-server (Debian's, started by @aet/test-kit) and appending its events to a Redis
// stream; a bridge on a real socket delivering that stream to the user's WebSocket.
import { createServer } from 'node:http';
import WebSocket from 'ws';
import { createExecutionTracker } from '@aet/tracker-core';
import { RedisEventStream, RedisExecutionStore } from '@aet/store-redis';
// The Redis helpers have their own entry: the package root sets up vitest fixtures, so it
// loads only inside a vitest run.
import { startRedisServer } from '@aet/test-kit/redis';
import { createEventBridge, EventLogSource } from '@aet/ws-bridge';

const USER = 'user-4821';
const redis = await startRedisServer();
// Whatever happens, the server goes: nothing is left running.
try {
  const connection = { path: redis.socketPath };
  const store = new RedisExecutionStore({ connection, prefix: 'smoke' });
  const stream = new RedisEventStream({ connection, prefix: 'smoke' });
  const tracker = createExecutionTracker({ store });
  tracker.subscribe(stream.sink());

  const server = createServer();
  const log = new RedisEventStream({ connection, prefix: 'smoke' });
  const bridge = await createEventBridge({
    server,
    path: '/events',
    source: new EventLogSource(log),
    verify: (request) => (request.headers.authorization === `Bearer ${USER}` ? USER : undefined),
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());

  const frames = [];
  let executionId = '';
  const socket = new WebSocket(`ws://127.0.0.1:${String(port)}/events`, {
    headers: { authorization: `Bearer ${USER}` },
  });
  await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no agent_completed in 20 s: ${JSON.stringify(frames)}`)),
      20_000,
    );
    socket.on('error', reject);
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data));
      frames.push(frame.type);
      if (frame.type === 'connected') {
        executionId = tracker.createExecution({
          agentName: 'summarizer',
          userId: USER,
          threadId: 't-1',
        });
        tracker.startExecution(executionId);
        tracker.completeExecution(executionId, { result: 'done' });
      }
      if (frame.type === 'agent_completed') {
        clearTimeout(timer);
        resolve(undefined);
      }
    });
  });
  await tracker.flush();
  const reader = new RedisExecutionStore({ connection, prefix: 'smoke' });
  const stored = await reader.get(executionId);
  socket.close();
  await bridge.close();
  server.close();
  await tracker.dispose();
  await Promise.all([reader.close(), store.close(), stream.close(), log.close()]);
  process.stdout.write(`${JSON.stringify({ frames, stored: stored?.record.state })}\n`);
} catch (error) {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
} finally {
  await redis.stop();
  // A failed run may leave sockets open: end the process rather than wait on them.
  if (process.exitCode === 1) process.exit(1);
}
