import { describe, expect, it, vi } from 'vitest';
import { createExecutionTracker } from '@aet/tracker-core';
import { DEPRECATIONS } from '@aet/legacy-shims';

describe('deprecation warnings', () => {
  it('warns once per process per API, with a stable code and the replacement', async () => {
    vi.resetModules();
    const emitted: { message: string; code: string | undefined }[] = [];
    const spy = vi.spyOn(process, 'emitWarning').mockImplementation((warning, options) => {
      const code = typeof options === 'object' ? options.code : undefined;
      emitted.push({ message: String(warning), code });
    });
    const shims = await import('@aet/legacy-shims');
    const tracker = createExecutionTracker({ store: null });
    new shims.AgentStateTracker({ tracker });
    new shims.AgentStateTracker({ tracker });
    new shims.AgentExecutionTimeoutManager(undefined, { tracker });
    new shims.ExecutionTracker({ tracker });
    shims.getAgentStateTracker();
    spy.mockRestore();
    expect(emitted.map((w) => w.code)).toEqual([
      DEPRECATIONS.AgentStateTracker.code,
      DEPRECATIONS.AgentExecutionTimeoutManager.code,
      DEPRECATIONS.ExecutionTracker.code,
      DEPRECATIONS.getAgentStateTracker.code,
    ]);
    expect(emitted[0]?.message).toContain(
      'AgentStateTracker from @aet/legacy-shims is deprecated: use getExecutionTracker()',
    );
  });

  it('serves the same classes on the subpaths', async () => {
    const [entry, state, timeout, tracker] = await Promise.all([
      import('@aet/legacy-shims'),
      import('@aet/legacy-shims/agent-state-tracker'),
      import('@aet/legacy-shims/execution-timeout-manager'),
      import('@aet/legacy-shims/execution-tracker'),
    ]);
    expect(state.AgentStateTracker).toBe(entry.AgentStateTracker);
    expect(timeout.AgentExecutionTimeoutManager).toBe(entry.AgentExecutionTimeoutManager);
    expect(tracker.ExecutionTracker).toBe(entry.ExecutionTracker);
    expect(state.AgentExecutionPhase.THINKING).toBe('thinking');
  });
});
