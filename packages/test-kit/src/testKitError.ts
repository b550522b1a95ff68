/** What went wrong in the kit's own use: bad options, an unreachable Redis, a missing binary. */
export type TestKitErrorCode = 'TEST_KIT_BAD_OPTIONS' | 'TEST_KIT_REDIS_UNAVAILABLE';

/** Thrown by the kit when it is used wrongly or cannot set up; the message says what to fix. */
export class TestKitError extends Error {
  override readonly name = 'TestKitError';
  constructor(
    readonly code: TestKitErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Throws unless `value` is a whole number >= `min`. @internal */
export function assertCount(name: string, value: unknown, min: number): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new TestKitError(
      'TEST_KIT_BAD_OPTIONS',
      `${name} must be a whole number >= ${min}, got ${typeof value === 'string' ? JSON.stringify(value) : String(value)}`,
    );
  }
}
