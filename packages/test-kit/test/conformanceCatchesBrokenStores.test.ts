import { describe, expect, it } from 'vitest';
import { runFixtureSuite } from './fixtureRun.js';

describe('describeExecutionStoreConformance', () => {
  it('fails for a store that loses writes, naming the broken case', async () => {
    const result = await runFixtureSuite('test/fixtures/lossyStore.conformance.ts');
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('applies every write of a large batch');
    expect(result.output).toMatch(/ExecutionStore conformance: LossyStore/);
  }, 60_000);
});
