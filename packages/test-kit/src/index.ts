// The public door of @aet/test-kit. Matchers: `@aet/test-kit/matchers` (functions) and
// `@aet/test-kit/setup` (registration and types); Redis: `@aet/test-kit/redis-global-setup`.

export { trackerTest, FIXTURE_START_MS } from './fixtures.js';
export type { RedisKeyspace } from './fixtures.js';
export { EventRecorder } from './eventRecorder.js';
export { createTestUser } from './testUsers.js';
export { fullChatScenario, runConcurrentUsers } from './concurrentUsers.js';
export { runChat } from './chatRun.js';
export type { ChatRunOptions } from './chatRun.js';
export type {
  ConcurrentUsersOptions,
  ConcurrentUsersReport,
  IsolationSubject,
  Scenario,
  ScenarioContext,
} from './concurrentUsers.js';
export { advanceToDeadline } from './deadlines.js';
export type { DeadlineOutcome } from './deadlines.js';
export { raceOperations } from './raceOperations.js';
export type { RaceOptions, RaceReport } from './raceOperations.js';
export { describeExecutionStoreConformance } from './storeConformance.js';
export { describeSsotCompliance } from './ssotCompliance.js';
export type { SsotComplianceOptions } from './ssotCompliance.js';
export type { StoreConformanceOptions } from './storeConformance.js';
export { startRedisServer } from './redis/redisServer.js';
export type { RedisServerHandle, RedisServerOptions } from './redis/redisServer.js';
export { sendCommand } from './redis/respClient.js';
export type { AetRedisProvided } from './redis/providedContext.js';
export type { RedisTarget, RespValue } from './redis/respClient.js';
export { TestKitError } from './testKitError.js';
export type { TestKitErrorCode } from './testKitError.js';
