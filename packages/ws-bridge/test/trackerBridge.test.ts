import { afterEach, describe, expect, it } from 'vitest';
import { CRITICAL_EVENT_TYPES, ManualClock } from '@aet/tracker-core';
import {
  CloseCode,
  LEGACY_REQUIRED_FIELDS,
  TrackerEventSource,
  type WireEvent,
} from '@aet/ws-bridge';
import { connectAs, cleanUp, startBridge } from './bridgeHarness.js';
import { runChat, testTracker } from './chatRun.js';

afterEach(cleanUp);

const typesOf = (events: readonly WireEvent[]) => events.map((event) => event.type);

describe('the bridge on a tracker in this process (real sockets on 127.0.0.1)', () => {
  it("sends each user their own events and nobody else's, in order, in the legacy wire format", async () => {
    const tracker = testTracker();
    const bridge = await startBridge(new TrackerEventSource(tracker));
    const users = ['user-ann-0001', 'user-ben-0002', 'user-cat-0003'];
    const clients = await Promise.all(
      users.flatMap((userId) => [connectAs(bridge, userId), connectAs(bridge, userId)]),
    );
    const emitted = new Map(users.map((userId) => [userId, runChat(tracker, userId)]));
    for (const client of clients) await client.until((c) => c.events.length === 6, 'six events');
    for (const [index, client] of clients.entries()) {
      const userId = users[Math.floor(index / 2)] ?? '';
      expect(client.frames[0]).toMatchObject({ type: 'connected', user_id: userId });
      const events = client.events;
      expect(events.every((event) => event.user_id === userId)).toBe(true);
      expect(events.every((event) => event.execution_id === emitted.get(userId))).toBe(true);
      expect(events.map((event) => event.seq)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(typesOf(events)).toEqual([
        'agent_started',
        'agent_thinking',
        'agent_thinking',
        'tool_executing',
        'tool_completed',
        'agent_completed',
      ]);
      for (const type of CRITICAL_EVENT_TYPES) {
        const event = events.find((candidate) => candidate.type === type);
        for (const field of LEGACY_REQUIRED_FIELDS[type]) expect(event).toHaveProperty(field);
      }
      expect(events.find((event) => event.type === 'tool_completed')).toMatchObject({
        tool_name: 'search',
        results: { hits: 3 },
        duration: 12,
        success: true,
      });
      expect(events.at(-1)).toMatchObject({
        status: 'completed',
        final_response: `answer for ${userId}`,
      });
      expect(new Date(events[0]?.timestamp ?? '').getTime()).toBe(1_700_000_000_000);
    }
    // Both connections of a user got byte-identical streams.
    expect(clients[0]?.events).toEqual(clients[1]?.events);
    expect(bridge.metrics()).toMatchObject({ connections: 6, users: 3 });
  });

  it('resumes a reconnecting client after the last cursor it saw: no gap, no duplicate', async () => {
    const tracker = testTracker();
    const bridge = await startBridge(new TrackerEventSource(tracker));
    const first = await connectAs(bridge, 'user-dan-0004');
    runChat(tracker, 'user-dan-0004');
    await first.until((c) => c.events.length === 6, 'the first run');
    // Gone after two events of the next run...
    const id = tracker.createExecution({ agentName: 'a', userId: 'user-dan-0004', threadId: 't' });
    tracker.startExecution(id);
    for (const phase of ['websocket_setup', 'context_validation', 'starting', 'thinking'] as const)
      tracker.transitionState(id, phase);
    await first.until((c) => c.events.length === 8, 'two events of the second run');
    const cursor = first.lastCursor;
    await first.close();
    // ... while the run goes on.
    tracker.transitionState(id, 'tool_preparation');
    tracker.transitionState(id, 'tool_execution', { metadata: { toolName: 'calc' } });
    tracker.toolCompleted(id, 'calc', { result: 4 });
    tracker.completeExecution(id, { result: 'four' });
    const second = await connectAs(bridge, 'user-dan-0004', cursor);
    runChat(tracker, 'user-dan-0004');
    await second.until((c) => c.events.length === 4 + 6, 'the rest of the run, then a new one');
    expect(second.connected?.cursor).toBe(cursor);
    expect(second.frames.some((frame) => frame.type === 'events_lost')).toBe(false);
    const resumed = second.events.filter((event) => event.execution_id === id);
    expect(resumed.map((event) => event.seq)).toEqual([3, 4, 5, 6]);
    expect(typesOf(resumed)).toEqual([
      'agent_thinking',
      'tool_executing',
      'tool_completed',
      'agent_completed',
    ]);
    // Reconnecting with the start cursor before any event also loses nothing.
    const quiet = await connectAs(bridge, 'user-eve-0005');
    await quiet.close();
    runChat(tracker, 'user-eve-0005');
    const back = await connectAs(bridge, 'user-eve-0005', quiet.lastCursor);
    await back.until((c) => c.events.length === 6, 'the run made while away');
  });

  it('tells a client what retention dropped, then sends what is left', async () => {
    const tracker = testTracker();
    const bridge = await startBridge(new TrackerEventSource(tracker, { eventsPerUser: 10 }));
    const client = await connectAs(bridge, 'user-fay-0006');
    runChat(tracker, 'user-fay-0006');
    await client.until((c) => c.events.length === 6, 'a run');
    const cursor = client.lastCursor;
    await client.close();
    for (let run = 0; run < 3; run++) runChat(tracker, 'user-fay-0006'); // 18 more; 10 kept
    const back = await connectAs(bridge, 'user-fay-0006', cursor);
    await back.until((c) => c.events.length === 10, 'the ten kept');
    expect(back.frames[1]).toMatchObject({
      type: 'events_lost',
      after: cursor,
      lost_events: 8,
      reason: 'retention',
    });
    // A cursor of another bridge (or an earlier process): the loss is unknown, and said so.
    const stranger = await connectAs(bridge, 'user-fay-0006', 'abcdef01-9.3');
    await stranger.until((c) => c.events.length === 10, 'what is kept');
    expect(stranger.frames[1]).toMatchObject({ lost_events: null, reason: 'unknown_cursor' });
  });

  it('closes a client that falls behind (4408) without holding up the others, and it resumes', async () => {
    const tracker = testTracker();
    const bridge = await startBridge(new TrackerEventSource(tracker, { eventsPerUser: 5_000 }), {
      maxBufferedBytes: 64 * 1024,
    });
    const slow = await connectAs(bridge, 'user-gil-0007');
    const fast = await connectAs(bridge, 'user-gil-0007');
    const other = await connectAs(bridge, 'user-hal-0008');
    // The slow client stops reading its socket: the kernel buffers fill, then the bridge's.
    const socket = (slow.socket as unknown as { _socket: { pause(): void; resume(): void } })
      ._socket;
    socket.pause();
    const runs = 400;
    for (let run = 0; run < runs; run++) {
      runChat(tracker, 'user-gil-0007', 20_000);
      runChat(tracker, 'user-hal-0008', 20_000);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await fast.until((c) => c.events.length === runs * 6, 'every event', 30_000);
    await other.until((c) => c.events.length === runs * 6, 'every event', 30_000);
    expect(bridge.metrics().slowConsumersClosed).toBe(1);
    socket.resume();
    expect(await slow.closed).toEqual({
      code: CloseCode.SLOW_CONSUMER,
      reason: 'slow consumer: reconnect with ?after=<last cursor>',
    });
    const got = slow.events.length;
    expect(got).toBeLessThan(runs * 6);
    const back = await connectAs(bridge, 'user-gil-0007', slow.lastCursor);
    await back.until((c) => c.events.length === runs * 6 - got, 'the rest', 30_000);
    expect([...slow.events, ...back.events].map((event) => event.cursor)).toEqual(
      fast.events.map((event) => event.cursor),
    );
  });

  it("forgets an idle user's events after idleUserTtlMs, and says so to a client that resumes", async () => {
    const tracker = testTracker();
    const clock = new ManualClock(0);
    const bridge = await startBridge(
      new TrackerEventSource(tracker, { clock, idleUserTtlMs: 60_000 }),
    );
    const client = await connectAs(bridge, 'user-kai-0011');
    runChat(tracker, 'user-kai-0011');
    await client.until((c) => c.events.length === 6, 'a run');
    const cursor = client.lastCursor;
    await client.close();
    clock.advance(30_000);
    const soon = await connectAs(bridge, 'user-kai-0011', cursor);
    expect(soon.frames.map((frame) => frame.type)).toEqual(['connected']);
    await soon.close();
    clock.advance(90_000); // idle, and nobody follows the user: the history goes
    const late = await connectAs(bridge, 'user-kai-0011', cursor);
    expect(late.frames[1]).toMatchObject({
      type: 'events_lost',
      lost_events: null,
      reason: 'unknown_cursor',
    });
    expect(late.events).toEqual([]);
  });

  it('pings every interval and terminates a peer that missed the previous pong', async () => {
    const tracker = testTracker();
    const clock = new ManualClock(0);
    const bridge = await startBridge(new TrackerEventSource(tracker, { clock }), {
      clock,
      pingIntervalMs: 1_000,
    });
    const alive = await connectAs(bridge, 'user-ivy-0009');
    const dead = await connectAs(bridge, 'user-jon-0010');
    let pongs = 0;
    alive.socket.on('ping', () => pongs++);
    // A peer that vanished: it reads nothing, so it never answers.
    (dead.socket as unknown as { _socket: { pause(): void } })._socket.pause();
    clock.advance(1_000); // ping both
    await alive.until(() => pongs === 1, 'the first ping');
    // The pong went out before this frame: once its answer is back, the bridge has the pong.
    alive.socket.send('{"type":"ping"}');
    await alive.until((c) => c.frames.some((frame) => frame.type === 'pong'), 'the pong');
    clock.advance(1_000); // the dead one missed it
    await alive.until(() => pongs === 2, 'the second ping');
    expect(bridge.metrics()).toMatchObject({ deadPeersTerminated: 1, connections: 1 });
    expect(alive.socket.readyState).toBe(alive.socket.OPEN);
  });
});
