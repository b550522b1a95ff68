// The public door of @aet/store-redis.
export { RedisExecutionStore } from './redisExecutionStore.js';
export type { RedisExecutionStoreOptions, SweepOptions } from './redisExecutionStore.js';
