import { describe, it } from 'vitest';
import { checkConsumer } from '../consumerHarness.js';

// A consumer written from the legacy API's documentation by someone who never read the
// transforms (test/consumers/workspaces-monorepo).
describe('an npm-workspaces monorepo where one package uses the legacy API', () => {
  it('keeps compiling, passing its suite and emitting the same critical events after every phase', async () => {
    await checkConsumer('workspaces-monorepo');
  }, 600_000);
});
