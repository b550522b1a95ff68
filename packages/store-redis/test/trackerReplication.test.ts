import { afterEach, describe, expect, it } from 'vitest';
import { AgentExecutionPhase as P, createExecutionTracker, ManualClock } from '@aet/tracker-core';
import { closeStores, storeOnTestRedis } from './support.js';

const store = storeOnTestRedis;
afterEach(closeStores);
let namespace = 0;

describe('a tracker replicating into Redis', () => {
  it('lets another process read the records, their heartbeats and their end', async () => {
    const prefix = `aet-replication:${process.pid}:${namespace++}`;
    const clock = new ManualClock(1_700_000_000_000);
    const tracker = createExecutionTracker({ clock, store: store(prefix) });
    const elsewhere = store(prefix); // a second connection, as another process would have
    const scope = tracker.forUser({
      userId: 'user-redis-0001',
      threadId: 'thread-redis-1',
      runId: 'run-redis-1',
    });
    const id = scope.createExecution({ agentName: 'triage' });
    scope.startExecution(id);
    for (const phase of [P.WEBSOCKET_SETUP, P.CONTEXT_VALIDATION, P.STARTING])
      scope.transitionState(id, phase);
    await tracker.flush();
    expect((await elsewhere.get(id))?.record).toMatchObject({
      state: 'running',
      phase: 'starting',
      userId: 'user-redis-0001',
    });
    expect((await elsewhere.listAlive()).map((s) => s.record.id)).toEqual([id]);
    expect((await elsewhere.get(id))?.ownerId).toBe(tracker.instanceId);

    clock.advance(2_000);
    scope.heartbeat(id);
    scope.heartbeat(id);
    await tracker.flush();
    expect((await elsewhere.get(id))?.record).toMatchObject({
      heartbeatCount: 2,
      lastHeartbeatAt: clock.now(),
    });

    scope.completeExecution(id, { result: { finalResponse: 'done' } });
    await tracker.flush();
    expect((await elsewhere.get(id))?.record).toMatchObject({
      state: 'completed',
      result: { finalResponse: 'done' },
    });
    expect(await elsewhere.listAlive()).toEqual([]);
    expect((await elsewhere.listByUser('user-redis-0001')).map((s) => s.record.id)).toEqual([id]);
    await tracker.dispose();
  });
});
