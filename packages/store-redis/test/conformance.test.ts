import { inject } from 'vitest';
import { describeExecutionStoreConformance } from '@aet/test-kit';
import { RedisExecutionStore } from '@aet/store-redis';

let namespace = 0;

// The same contract as the memory store, on a real redis-server; each case gets its own key
// prefix. Lease expiry runs on Redis's clock, so time is advanced by waiting.
describeExecutionStoreConformance(
  'RedisExecutionStore',
  () =>
    new RedisExecutionStore({
      connection: { path: inject('aetRedis').socketPath },
      prefix: `aet-conformance:${process.pid}:${namespace++}`,
    }),
  { advanceTime: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) },
);
