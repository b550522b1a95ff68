import { afterEach, beforeEach, expect } from 'vitest';

/**
 * Fails each test of the file in which something reached the process as an `uncaughtException`
 * or an `unhandledRejection`: on Node 20's defaults either one ends a server. (Vitest keeps the
 * worker alive and reports them at the end of the run; this pins them on the test that caused
 * them.)
 */
export function failOnProcessErrors(): void {
  const seen: unknown[] = [];
  const record = (error: unknown): void => {
    seen.push(error);
  };
  beforeEach(() => {
    process.on('uncaughtException', record);
    process.on('unhandledRejection', record);
  });
  afterEach(() => {
    process.off('uncaughtException', record);
    process.off('unhandledRejection', record);
    expect(seen.splice(0).map(String), 'errors that would have ended the process').toEqual([]);
  });
}
