import { describe, it } from 'vitest';
import { checkConsumer } from '../consumerHarness.js';

// A consumer written from the legacy API's documentation by someone who never read the
// transforms (test/consumers/subclass-wrap).
describe('a code base that subclasses and wraps the legacy classes', () => {
  it('keeps compiling, passing its suite and emitting the same critical events after every phase', async () => {
    await checkConsumer('subclass-wrap');
  }, 600_000);
});
