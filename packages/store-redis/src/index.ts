// The public door of @aet/store-redis.
export { RedisExecutionStore } from './redisExecutionStore.js';
export type { RedisExecutionStoreOptions, SweepOptions } from './redisExecutionStore.js';
export { recoverExecutions } from './recoverExecutions.js';
export { startDeathSweeper } from './deathSweeper.js';
export type { DeathSweeper, DeathSweeperOptions } from './deathSweeper.js';
export type { RecoveryReport } from './recoverExecutions.js';
export { RedisEventStream } from './redisEventStream.js';
export type { RedisEventStreamOptions, ReplayResult, StoredEvent } from './redisEventStream.js';
export { RedisStoreError } from './redisStoreError.js';
export type { RedisStoreErrorCode } from './redisStoreError.js';
export { SCHEMA_VERSION } from './redisExecutionStore.js';
/** The store's Lua scripts, for diagnostics and benchmarks (e.g. loading one into redis-benchmark). */
export * as LUA_SCRIPTS from './luaScripts.js';
