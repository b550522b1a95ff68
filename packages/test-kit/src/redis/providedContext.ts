// What `@aet/test-kit/redis-global-setup` provides to tests, typed for `inject('aetRedis')`.
// Imported by the kit's entry, so every consumer of the kit gets the type.

/** The socket of the redis-server the global setup started. */
export interface AetRedisProvided {
  readonly socketPath: string;
}

declare module 'vitest' {
  interface ProvidedContext {
    aetRedis: AetRedisProvided;
  }
}
