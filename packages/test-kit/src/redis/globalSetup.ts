// A vitest globalSetup that starts a private redis-server for the run and hands its socket to
// the tests (`inject('aetRedis')`, or the kit's `redisKeyspace` fixture). Add it to a project:
//   test: { globalSetup: ['@aet/test-kit/redis-global-setup'] }
// It fails the run, saying how to install Redis, when redis-server is missing: suites that need
// Redis never skip silently.
import type { TestProject } from 'vitest/node';
import { startRedisServer } from './redisServer.js';

import type {} from './providedContext.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startRedisServer();
  project.provide('aetRedis', { socketPath: server.socketPath });
  return () => server.stop();
}
