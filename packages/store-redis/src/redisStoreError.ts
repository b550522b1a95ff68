/** Why the Redis store refused. */
export type RedisStoreErrorCode =
  | 'REDIS_UNREACHABLE'
  | 'REDIS_AUTH_FAILED'
  | 'REDIS_FOREIGN_DATA'
  | 'REDIS_SCHEMA_TOO_NEW'
  | 'REDIS_BAD_ARGUMENT';

/** A typed failure of the Redis store; the message says what to fix. */
export class RedisStoreError extends Error {
  override readonly name = 'RedisStoreError';
  constructor(
    readonly code: RedisStoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
