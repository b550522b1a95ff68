import { inject } from 'vitest';
import { RedisExecutionStore } from '@aet/store-redis';

const opened: RedisExecutionStore[] = [];

/** A store on the test run's Redis under `prefix`, closed by `closeStores` (call it in afterEach). */
export function storeOnTestRedis(prefix: string): RedisExecutionStore {
  const store = new RedisExecutionStore({
    connection: { path: inject('aetRedis').socketPath },
    prefix,
  });
  opened.push(store);
  return store;
}

export async function closeStores(): Promise<void> {
  await Promise.all(opened.splice(0).map((store) => store.close()));
}
