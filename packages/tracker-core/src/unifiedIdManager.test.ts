import { describe, expect, it } from 'vitest';
import { InvalidIdError } from './errors.js';
import { IdType, UnifiedIDManager } from './unifiedIdManager.js';

describe('UnifiedIDManager', () => {
  it('mints 1,000,000 unique ids that parse back to their type', () => {
    const types = Object.values(IdType);
    const seen = new Set<string>();
    for (let i = 0; i < 1_000_000; i++) {
      const type = types[i % types.length] as IdType;
      const id = UnifiedIDManager.generate(type);
      seen.add(id);
      if (i % 997 === 0) expect(UnifiedIDManager.parseId(id).type).toBe(type);
    }
    expect(seen.size).toBe(1_000_000);
    for (const id of [...seen].slice(-1000)) expect(UnifiedIDManager.isValidId(id)).toBe(true);
  });

  it('prefixes ids by type and embeds the creation time', () => {
    const before = Date.now();
    const id = UnifiedIDManager.generateExecutionId();
    expect(id).toMatch(/^exec_[0-9a-f]{32}$/);
    const parsed = UnifiedIDManager.parseId(id);
    expect(parsed).toMatchObject({ type: 'execution', prefix: 'exec' });
    expect(parsed.uuid).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(parsed.timestampMs).toBeGreaterThanOrEqual(before - 1);
    expect(UnifiedIDManager.generateRunId('thread_x')).toMatch(/^run_/);
    expect(UnifiedIDManager.generateThreadId()).toMatch(/^thread_/);
    expect(UnifiedIDManager.generateRequestId()).toMatch(/^req_/);
    expect(UnifiedIDManager.generateWebSocketId()).toMatch(/^ws_/);
  });

  it('orders ids by creation', () => {
    const ids = Array.from({ length: 1000 }, () => UnifiedIDManager.generateExecutionId());
    expect([...ids].sort()).toEqual(ids);
  });

  it('checks the type when asked', () => {
    const run = UnifiedIDManager.generateRunId();
    expect(UnifiedIDManager.isValidId(run, IdType.RUN)).toBe(true);
    expect(UnifiedIDManager.isValidId(run, IdType.EXECUTION)).toBe(false);
  });

  it('rejects legacy and malformed ids with a typed error', () => {
    for (const bad of [
      'exec_execution_1_86b74e76',
      'triage_run1_1700000000000',
      '',
      'exec_',
      'nope_0192f0c1a2b37c4d8e9f0a1b2c3d4e5f',
    ]) {
      expect(UnifiedIDManager.isValidId(bad)).toBe(false);
      expect(() => UnifiedIDManager.parseId(bad)).toThrow(InvalidIdError);
    }
    expect(UnifiedIDManager.isValidId(42)).toBe(false);
    expect(() => UnifiedIDManager.generate('user' as IdType)).toThrow(/unknown id type "user"/);
    expect(() => UnifiedIDManager.generateRunId('')).toThrow(InvalidIdError);
  });
});
