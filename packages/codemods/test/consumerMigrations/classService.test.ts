import { describe, it } from 'vitest';
import { checkConsumer } from '../consumerHarness.js';

// A consumer written from the legacy API's documentation by someone who never read the
// transforms (test/consumers/class-service).
describe('a class-based service with injected and optional trackers', () => {
  it('keeps compiling, passing its suite and emitting the same critical events after every phase', async () => {
    await checkConsumer('class-service');
  }, 600_000);
});
