// `@aet/test-kit/redis`: the Redis helpers, usable outside a vitest run (scripts, benchmarks).
export { startRedisServer } from './redisServer.js';
export type { RedisServerHandle, RedisServerOptions } from './redisServer.js';
export { sendCommand } from './respClient.js';
export type { RedisTarget, RespValue } from './respClient.js';
