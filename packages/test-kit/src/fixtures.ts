import {
  createExecutionTracker,
  ManualClock,
  type AgentExecutionTracker,
  type UserExecutionContext,
  type UserExecutionScope,
} from '@aet/tracker-core';
import { inject, test as base } from 'vitest';
import { EventRecorder } from './eventRecorder.js';
import type {} from './redis/providedContext.js';
import { sendCommand } from './redis/respClient.js';
import { TestKitError } from './testKitError.js';
import { createTestUser } from './testUsers.js';

/** A unique Redis key prefix for one test, on the server the global setup started. */
export interface RedisKeyspace {
  readonly socketPath: string;
  /** Every key the test writes should start with this; they are deleted after the test. */
  readonly prefix: string;
}

/** Where the fixture clock starts (epoch ms); fixed so that tests are reproducible. */
export const FIXTURE_START_MS = 1_700_000_000_000;

let keyspaceCounter = 0;

/**
 * vitest's `test`, extended with the kit's fixtures. Each is created only for the tests that
 * destructure it:
 * - `clock`: a `ManualClock` at {@link FIXTURE_START_MS};
 * - `tracker`: an isolated tracker on that clock (no store), disposed after the test;
 * - `events`: an {@link EventRecorder} subscribed to the tracker;
 * - `user`, `otherUser`: valid user contexts; `scope`, `otherScope`: their tracker scopes;
 * - `redisKeyspace`: a key prefix on the Redis of `@aet/test-kit/redis-global-setup`, cleaned up
 *   after the test.
 * @example
 * trackerTest('dies when silent', ({ tracker, clock, scope }) => { … });
 */
export const trackerTest = base
  .extend('clock', () => new ManualClock(FIXTURE_START_MS))
  .extend('tracker', ({ clock }, { onCleanup }): AgentExecutionTracker => {
    const tracker = createExecutionTracker({ clock, store: null });
    onCleanup(() => tracker.dispose());
    return tracker;
  })
  .extend('events', ({ tracker }): EventRecorder => {
    const recorder = new EventRecorder();
    tracker.subscribe(recorder.listener);
    return recorder;
  })
  .extend('user', (): UserExecutionContext => createTestUser('user'))
  .extend('otherUser', (): UserExecutionContext => createTestUser('other'))
  .extend('scope', ({ tracker, user }): UserExecutionScope => tracker.forUser(user))
  .extend('otherScope', ({ tracker, otherUser }): UserExecutionScope => tracker.forUser(otherUser))
  .extend('redisKeyspace', async ({ task }, { onCleanup }): Promise<RedisKeyspace> => {
    let provided: { socketPath: string } | undefined;
    try {
      provided = inject('aetRedis');
    } catch {
      provided = undefined;
    }
    if (provided === undefined) {
      throw new TestKitError(
        'TEST_KIT_REDIS_UNAVAILABLE',
        "redisKeyspace needs a Redis: add globalSetup: ['@aet/test-kit/redis-global-setup'] to the vitest project",
      );
    }
    const target = { socketPath: provided.socketPath };
    const reply = await sendCommand(target, ['PING']).catch((error: unknown) => error as Error);
    if (reply !== 'PONG') {
      throw new TestKitError(
        'TEST_KIT_REDIS_UNAVAILABLE',
        `the Redis at ${provided.socketPath} does not answer: ${String(reply)}`,
      );
    }
    const prefix = `aet-test:${process.pid}:${(keyspaceCounter++).toString(36)}:${task.id}:`;
    onCleanup(async () => {
      await sendCommand(target, [
        'EVAL',
        "for _, key in ipairs(redis.call('KEYS', ARGV[1])) do redis.call('DEL', key) end return 1",
        '0',
        `${prefix}*`,
      ]);
    });
    return { socketPath: provided.socketPath, prefix };
  });
