import { afterEach, describe, expect, inject, it } from 'vitest';
import { Redis } from 'ioredis';
import { createExecutionTracker, ManualClock, type TrackerEvent } from '@aet/tracker-core';
import { RedisEventStream, RedisStoreError } from '@aet/store-redis';
import { runChat as runChatOn } from '@aet/test-kit';

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((each) => each.close()));
});

let prefixes = 0;
function stream(options: { maxEventsPerUser?: number } = {}): RedisEventStream {
  const created = new RedisEventStream({
    connection: { path: inject('aetRedis').socketPath },
    prefix: `events-test-${process.pid}-${++prefixes}`,
    ...options,
  });
  opened.push(created);
  return created;
}

/**
 * A tracker whose events go to `events`, and one run of `userId` with the five critical events
 * (the test-kit's); `emitted` gets what the tracker emitted, to compare with what was stored.
 */
function runChat(events: RedisEventStream, userId: string, emitted: TrackerEvent[] = []): string {
  const tracker = createExecutionTracker({
    store: null,
    clock: new ManualClock(1_700_000_000_000),
  });
  tracker.subscribe(events.sink());
  tracker.subscribe((event) => emitted.push(event));
  return runChatOn(tracker, userId);
}

describe('RedisEventStream (real redis-server)', () => {
  it("keeps each user's events in their own stream, in order, and replays them", async () => {
    const events = stream();
    const emitted: TrackerEvent[] = [];
    const alice = runChat(events, 'user-alice-0001', emitted);
    runChat(events, 'user-bob-0002');
    await events.flush();
    const replayed = await events.replay('user-alice-0001');
    expect(replayed.truncated).toBe(false);
    const mine = replayed.events.map((stored) => stored.event);
    expect(mine.every((event) => event.userId === 'user-alice-0001')).toBe(true);
    expect(mine.every((event) => event.executionId === alice)).toBe(true);
    expect(mine.map((event) => event.seq)).toEqual(mine.map((_, i) => i + 1));
    // Exactly what the tracker emitted, field for field.
    expect(mine).toEqual(JSON.parse(JSON.stringify(emitted)));
    expect(new Set(mine.filter((event) => event.critical).map((event) => event.type))).toEqual(
      new Set([
        'agent_started',
        'agent_thinking',
        'tool_executing',
        'tool_completed',
        'agent_completed',
      ]),
    );
    expect(events.appendErrors).toBe(0);
  });

  it('resumes after a cursor, a page at a time', async () => {
    const events = stream();
    runChat(events, 'user-carol-0003');
    await events.flush();
    const all = (await events.replay('user-carol-0003')).events;
    const first = await events.replay('user-carol-0003', { limit: 2 });
    expect(first.events.map((e) => e.cursor)).toEqual(all.slice(0, 2).map((e) => e.cursor));
    const rest = await events.replay('user-carol-0003', { after: first.events[1]?.cursor ?? '' });
    expect(rest.events.map((e) => e.event.seq)).toEqual(all.slice(2).map((e) => e.event.seq));
    expect(rest.truncated).toBe(false);
  });

  it("replays one execution's events after the last seq a client saw", async () => {
    const events = stream();
    const first = runChat(events, 'user-fay-0006');
    const second = runChat(events, 'user-fay-0006');
    await events.flush();
    const all = (await events.replay('user-fay-0006')).events.map((stored) => stored.event);
    const missed = await events.replayExecution('user-fay-0006', first, 3);
    expect(missed.truncated).toBe(false);
    expect(missed.events.map((stored) => stored.event)).toEqual(
      all.filter((event) => event.executionId === first && event.seq > 3),
    );
    expect(missed.events[0]?.event.seq).toBe(4);
    const none = await events.replayExecution('user-fay-0006', second, 1_000);
    expect(none).toEqual({ events: [], truncated: false });
    await expect(events.replayExecution('user-fay-0006', first, -1)).rejects.toMatchObject({
      code: 'REDIS_BAD_ARGUMENT',
    });
  });

  it('says when retention dropped events after the cursor', async () => {
    const events = stream({ maxEventsPerUser: 50 });
    runChat(events, 'user-dave-0004');
    await events.flush();
    const [oldest] = (await events.replay('user-dave-0004')).events;
    for (let i = 0; i < 60; i++) runChat(events, 'user-dave-0004');
    await events.flush();
    const after = await events.replay('user-dave-0004', { after: oldest?.cursor ?? '' });
    expect(after.truncated).toBe(true);
    // The same, asked by execution and seq: its first events are gone.
    const byExecution = await events.replayExecution(
      'user-dave-0004',
      oldest?.event.executionId ?? '',
      1,
    );
    expect(byExecution.truncated).toBe(true);
    const kept = (await events.replay('user-dave-0004', { limit: 10_000 })).events.length;
    // MAXLEN ~ trims whole macro nodes: at least the bound is kept, and far less than was sent.
    expect(kept).toBeGreaterThanOrEqual(50);
    expect(kept).toBeLessThan(61 * 9);
  });

  it('tails new events from another connection, as a WebSocket node in another process would', async () => {
    const writer = stream();
    const reader = new RedisEventStream({
      connection: { path: inject('aetRedis').socketPath },
      prefix: `events-test-${process.pid}-${prefixes}`,
    });
    opened.push(reader);
    runChat(writer, 'user-erin-0005');
    await writer.flush();
    const seen = (await reader.replay('user-erin-0005')).events;
    const last = seen.at(-1)?.cursor ?? '0-0';
    const emitted: TrackerEvent[] = [];
    const waiting = reader.tail('user-erin-0005', last, 5_000);
    runChat(writer, 'user-erin-0005', emitted);
    // Read on as a bridge would, until the run's events are all in.
    const tailed = [...(await waiting)];
    while (tailed.length < emitted.length) {
      const more = await reader.tail('user-erin-0005', tailed.at(-1)?.cursor ?? last, 5_000);
      if (more.length === 0) break;
      tailed.push(...more);
    }
    expect(tailed.map((stored) => stored.event)).toEqual(JSON.parse(JSON.stringify(emitted)));
    expect(await reader.tail('user-erin-0005', tailed.at(-1)?.cursor ?? last, 10)).toEqual([]);
  });

  it("tails many users' streams in one read, from each user's own cursor", async () => {
    const writer = stream();
    const reader = new RedisEventStream({
      connection: { path: inject('aetRedis').socketPath },
      prefix: `events-test-${process.pid}-${prefixes}`,
    });
    opened.push(reader);
    expect(await reader.lastCursor('user-fay-0006')).toBe('0-0');
    runChat(writer, 'user-fay-0006');
    await writer.flush();
    const fayNow = await reader.lastCursor('user-fay-0006');
    expect(fayNow).toBe((await reader.replay('user-fay-0006')).events.at(-1)?.cursor);
    const fayEmitted: TrackerEvent[] = [];
    const gusEmitted: TrackerEvent[] = [];
    runChat(writer, 'user-fay-0006', fayEmitted);
    runChat(writer, 'user-gus-0007', gusEmitted);
    runChat(writer, 'user-hal-0008');
    await writer.flush();
    const positions = new Map([
      ['user-fay-0006', fayNow],
      ['user-gus-0007', '0-0'],
    ]);
    const read = await reader.tailMany(positions, 1_000);
    expect([...read.keys()].sort()).toEqual(['user-fay-0006', 'user-gus-0007']);
    const eventsOf = (userId: string) => read.get(userId)?.map((stored) => stored.event);
    expect(eventsOf('user-fay-0006')).toEqual(JSON.parse(JSON.stringify(fayEmitted)));
    expect(eventsOf('user-gus-0007')).toEqual(JSON.parse(JSON.stringify(gusEmitted)));
    // `count` bounds what one read returns per user.
    expect((await reader.tailMany(positions, 0, 2)).get('user-gus-0007')).toHaveLength(2);
  });

  it('ends a blocked tail early when interrupted', async () => {
    const reader = stream();
    await reader.lastCursor('user-ida-0009'); // connected
    // BLOCK 0 waits for ever: the test ends only if the interrupt works.
    const waiting = reader.tailMany(new Map([['user-ida-0009', '0-0']]), 0);
    const state = { done: false };
    void waiting.finally(() => (state.done = true));
    // An interrupt that arrives before the XREAD blocks does nothing: repeat until it lands.
    while (!state.done) {
      await reader.interruptTail();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect((await waiting).size).toBe(0);
  });

  it('refuses bad input and foreign data with typed errors', async () => {
    const events = stream();
    await expect(events.replay('')).rejects.toMatchObject({ code: 'REDIS_BAD_ARGUMENT' });
    await expect(events.replay('user-x', { after: 'yesterday' })).rejects.toThrow(
      'after must be a cursor of a stored event, like "1700000000000-0", got "yesterday"',
    );
    await expect(events.replay('user-x', { limit: 0 })).rejects.toBeInstanceOf(RedisStoreError);
    expect(() => new RedisEventStream({ maxEventsPerUser: 0 })).toThrow(
      'maxEventsPerUser must be a whole number >= 1, got 0',
    );
    const raw = new Redis({ path: inject('aetRedis').socketPath });
    opened.push({
      close: async () => {
        await raw.quit();
      },
    });
    const prefix = `events-test-${process.pid}-${prefixes}`;
    await raw.set(`${prefix}:events:user-foreign`, 'not a stream');
    await expect(events.replay('user-foreign')).rejects.toMatchObject({
      code: 'REDIS_FOREIGN_DATA',
    });
    await raw.xadd(`${prefix}:events:user-odd`, '*', 'other', 'shape');
    await expect(events.replay('user-odd')).rejects.toThrow(
      'holds entries this stream did not write',
    );
  });
});
