import { describe, it } from 'vitest';
import { checkConsumer } from '../consumerHarness.js';

// A consumer written from the legacy API's documentation by someone who never read the
// transforms (test/consumers/plain-js).
describe('plain JavaScript, ESM and CommonJS, with JSDoc types', () => {
  it('keeps compiling, passing its suite and emitting the same critical events after every phase', async () => {
    await checkConsumer('plain-js');
  }, 600_000);
});
