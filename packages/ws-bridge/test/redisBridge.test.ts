import { afterEach, describe, expect, inject, it } from 'vitest';
import { RedisEventStream } from '@aet/store-redis';
// The type of `inject('aetRedis')` (the run's redis-server, from the kit's global setup).
import type {} from '@aet/test-kit';
import { CloseCode, EventLogSource, type UserEventLog } from '@aet/ws-bridge';
import { TestClient } from './testClient.js';
import { cleanUp, connectAs, onCleanUp, startBridge } from './bridgeHarness.js';
import { runChat, testTracker } from './chatRun.js';

afterEach(cleanUp);

let prefixes = 0;

/** A writer (the agents' process) and a reader (the bridge's) on one prefix of the test Redis. */
function streams(maxEventsPerUser?: number): {
  writer: RedisEventStream;
  reader: RedisEventStream;
} {
  const options = {
    connection: { path: inject('aetRedis').socketPath },
    prefix: `ws-bridge-${String(process.pid)}-${String(++prefixes)}`,
    ...(maxEventsPerUser === undefined ? {} : { maxEventsPerUser }),
  };
  const writer = new RedisEventStream(options);
  const reader = new RedisEventStream(options);
  onCleanUp(() => writer.close());
  onCleanUp(() => reader.close());
  return { writer, reader };
}

describe('the bridge on the Redis event stream (another process wrote the events)', () => {
  it("delivers each user's events live, in order, to their connections only", async () => {
    const { writer, reader } = streams();
    const tracker = testTracker();
    tracker.subscribe(writer.sink());
    const bridge = await startBridge(new EventLogSource(reader));
    const users = Array.from({ length: 12 }, (_, i) => `user-redis-${String(i).padStart(4, '0')}`);
    const clients = await Promise.all(users.map((userId) => connectAs(bridge, userId)));
    const executions = users.map((userId) => runChat(tracker, userId));
    // A user who joins while the others' events flow gets their own from then on.
    const late = await connectAs(bridge, 'user-late-0100');
    const lateRun = runChat(tracker, 'user-late-0100');
    for (const client of [...clients, late])
      await client.until((c) => c.events.length === 6, 'six events');
    for (const [index, client] of clients.entries()) {
      expect(client.events.map((event) => [event.user_id, event.execution_id, event.seq])).toEqual(
        [1, 2, 3, 4, 5, 6].map((seq) => [users[index], executions[index], seq]),
      );
    }
    expect(late.events.every((event) => event.execution_id === lateRun)).toBe(true);
  });

  it('resumes from a stream cursor with no gap or duplicate, and says when retention dropped events', async () => {
    const { writer, reader } = streams(20);
    const tracker = testTracker();
    tracker.subscribe(writer.sink());
    const bridge = await startBridge(new EventLogSource(reader, { batchSize: 4 }));
    const first = await connectAs(bridge, 'user-rae-0200');
    runChat(tracker, 'user-rae-0200');
    await first.until((c) => c.events.length === 6, 'a run');
    const cursor = first.lastCursor;
    await first.close();
    runChat(tracker, 'user-rae-0200');
    await writer.flush();
    // Resumed while new events keep coming: the backlog is read in pages of 4.
    const resuming = connectAs(bridge, 'user-rae-0200', cursor);
    runChat(tracker, 'user-rae-0200');
    const second = await resuming;
    await second.until((c) => c.events.length === 12, 'two runs');
    expect(second.frames.some((frame) => frame.type === 'events_lost')).toBe(false);
    const seen = [...first.events, ...second.events];
    expect(new Set(seen.map((event) => event.cursor)).size).toBe(18);
    for (const execution of new Set(seen.map((event) => event.execution_id))) {
      expect(seen.filter((e) => e.execution_id === execution).map((e) => e.seq)).toEqual([
        1, 2, 3, 4, 5, 6,
      ]);
    }
    // Far behind: retention (20 per user, trimmed in whole nodes) dropped what came after it.
    for (let run = 0; run < 30; run++) runChat(tracker, 'user-rae-0200');
    await writer.flush();
    const behind = await connectAs(bridge, 'user-rae-0200', cursor);
    expect(behind.frames[1]).toMatchObject({
      type: 'events_lost',
      after: cursor,
      lost_events: null,
      reason: 'retention',
    });
  });

  it('retries a failed read of the log and loses nothing; a log that cannot open a user closes with 1011', async () => {
    const { writer, reader } = streams();
    const tracker = testTracker();
    tracker.subscribe(writer.sink());
    // The real stream, with one read failing as a dropped connection would.
    let failures = 1;
    const flaky: UserEventLog = {
      replay: (userId, options) => reader.replay(userId, options),
      lastCursor: (userId) => reader.lastCursor(userId),
      interruptTail: () => reader.interruptTail(),
      tailMany: (positions, blockMs, count) =>
        failures-- > 0
          ? Promise.reject(new Error('connection reset'))
          : reader.tailMany(positions, blockMs, count),
    };
    const errors: unknown[] = [];
    const source = new EventLogSource(flaky, { retryDelayMs: 10, onError: (e) => errors.push(e) });
    const bridge = await startBridge(source);
    const client = await connectAs(bridge, 'user-sol-0300');
    runChat(tracker, 'user-sol-0300');
    await client.until((c) => c.events.length === 6, 'a run, after the failed read');
    expect(source.readErrors).toBe(1);
    expect(errors).toEqual([new Error('connection reset')]);

    const broken: UserEventLog = {
      ...flaky,
      lastCursor: () => Promise.reject(new Error('redis unreachable')),
    };
    const failing = await startBridge(new EventLogSource(broken));
    const refused = await TestClient.connect(failing.url, { token: 'token-user-sol-0300' });
    expect(await refused.closed).toEqual({
      code: CloseCode.INTERNAL_ERROR,
      reason: 'event source failed: reconnect with ?after=<last cursor>',
    });
    expect(refused.frames).toEqual([]);
    expect(failing.metrics().sourceFailures).toBe(1);
  });

  it('stops following a user whose backlog could not be read', async () => {
    const { writer, reader } = streams();
    const tracker = testTracker();
    tracker.subscribe(writer.sink());
    const followed: string[][] = [];
    const log: UserEventLog = {
      replay: () => Promise.reject(new Error('connection reset')),
      lastCursor: (userId) => reader.lastCursor(userId),
      interruptTail: () => reader.interruptTail(),
      tailMany: (positions, blockMs, count) => {
        followed.push([...positions.keys()]);
        return reader.tailMany(positions, Math.min(blockMs, 50), count);
      },
    };
    const bridge = await startBridge(new EventLogSource(log));
    const refused = await TestClient.connect(bridge.url, {
      token: 'token-user-tia-0400',
      after: '1-0',
    });
    expect((await refused.closed).code).toBe(CloseCode.INTERNAL_ERROR);
    // Another user comes and goes on: the loop reads for them, and no longer for the first.
    const other = await connectAs(bridge, 'user-ugo-0401');
    runChat(tracker, 'user-ugo-0401');
    await other.until((c) => c.events.length === 6, 'a run');
    expect(followed.at(-1)).toEqual(['user-ugo-0401']);
  });
});
