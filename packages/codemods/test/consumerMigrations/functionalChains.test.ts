import { describe, it } from 'vitest';
import { checkConsumer } from '../consumerHarness.js';

// A consumer written from the legacy API's documentation by someone who never read the
// transforms (test/consumers/functional-chains).
describe('functional code with promise chains, callbacks and bound methods', () => {
  it('keeps compiling, passing its suite and emitting the same critical events after every phase', async () => {
    await checkConsumer('functional-chains');
  }, 600_000);
});
