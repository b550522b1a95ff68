import { describe, expect, it, vi } from 'vitest';
import {
  CircuitBreakerOpenError,
  createExecutionTracker,
  ExecutionTimeoutError,
  ManualClock,
  TrackerConfigError,
  UNSCOPED_USER_ID,
} from '@aet/tracker-core';
import {
  AgentExecutionTimeoutManager,
  configureTimeoutManager,
  getTimeoutManager,
} from '@aet/legacy-shims';
import { recordingNotifier, RUN, setup } from './support.js';

describe('AgentExecutionTimeoutManager (shim)', () => {
  it('runs the agent as a tracked execution of the unscoped user', async () => {
    const { tracker } = setup();
    const manager = new AgentExecutionTimeoutManager(undefined, { tracker });
    await expect(
      manager.executeAgentWithTimeout(() => Promise.resolve('answer'), 'triage', RUN),
    ).resolves.toBe('answer');
    const [record] = tracker.getExecutionsByAgent('triage');
    expect(record).toMatchObject({
      state: 'completed',
      runId: RUN,
      userId: UNSCOPED_USER_ID,
      timeoutSeconds: 25,
    });
  });

  it('times a hung agent out past 25 s and tells the legacy manager as the original did', async () => {
    const { tracker, clock } = setup();
    const manager = new AgentExecutionTimeoutManager(undefined, { tracker });
    const ws = recordingNotifier();
    const run = manager.executeAgentWithTimeout(
      () => new Promise<never>(() => undefined),
      'triage',
      RUN,
      ws,
    );
    const outcome = expect(run).rejects.toBeInstanceOf(ExecutionTimeoutError);
    clock.advance(25_000); // exactly the timeout: the tracker times out only when strictly older
    expect(manager.getExecutionStats().activeExecutions).toBe(1);
    clock.advance(1);
    await outcome;
    expect(ws.notifyAgentError).toHaveBeenCalledWith(
      RUN,
      'triage',
      'Agent execution timed out after 25.0s',
      {
        error_type: 'timeout',
        timeout_duration: 25,
        actual_duration: 25.001,
      },
    );
    expect(manager.getExecutionStats()).toMatchObject({
      activeExecutions: 0,
      executionDurations: { min: 25.001, max: 25.001, avg: 25.001 },
    });
  });

  it('reports other agent errors and rethrows them', async () => {
    const { tracker } = setup();
    const manager = new AgentExecutionTimeoutManager(undefined, { tracker });
    const ws = recordingNotifier();
    await expect(
      manager.executeAgentWithTimeout(
        () => Promise.reject(new RangeError('bad plan')),
        'triage',
        RUN,
        ws,
      ),
    ).rejects.toThrow('bad plan');
    expect(ws.notifyAgentError).toHaveBeenCalledWith(
      RUN,
      'triage',
      'bad plan',
      expect.objectContaining({ error_type: 'RangeError' }),
    );
  });

  it('opens the LLM breaker after 3 failures and fails fast afterwards', async () => {
    const { tracker, clock } = setup();
    const manager = new AgentExecutionTimeoutManager(undefined, { tracker });
    for (let i = 0; i < 3; i++) {
      await expect(
        manager.executeLlmWithCircuitBreaker(() => Promise.reject(new Error('503'))),
      ).rejects.toThrow('503');
    }
    const llm = vi.fn(() => Promise.resolve('never'));
    await expect(manager.executeLlmWithCircuitBreaker(llm)).rejects.toBeInstanceOf(
      CircuitBreakerOpenError,
    );
    expect(llm).not.toHaveBeenCalled();
    expect(manager.getExecutionStats()).toMatchObject({
      circuitBreakerState: 'open',
      circuitBreakerFailures: 3,
    });
    clock.advance(30_000);
    await expect(
      manager.executeLlmWithCircuitBreaker(() => Promise.resolve('probe')),
    ).resolves.toBe('probe');
    expect(manager.getExecutionStats().circuitBreakerState).toBe('half_open');
  });

  it('gives the LLM call the configured LLM timeout', async () => {
    const { tracker, clock } = setup();
    const manager = new AgentExecutionTimeoutManager({ llmApiTimeout: 5 }, { tracker });
    const call = manager.executeLlmWithCircuitBreaker(
      () => new Promise<never>(() => undefined),
      'summarise',
    );
    const outcome = expect(call).rejects.toThrow('summarise timed out after 5.0s');
    clock.advance(5_000);
    await outcome;
  });

  it('retries any error twice, after 1 s then 2 s', async () => {
    const { tracker, clock } = setup();
    const manager = new AgentExecutionTimeoutManager(undefined, { tracker });
    const times: number[] = [];
    const start = clock.now();
    const run = manager.executeWithRetry(() => {
      times.push(clock.now() - start);
      return Promise.reject(new CircuitBreakerOpenError('llm', 1000));
    });
    const outcome = expect(run).rejects.toBeInstanceOf(CircuitBreakerOpenError);
    await clock.advanceAsync(5_000);
    await outcome;
    expect(times).toEqual([0, 1_000, 3_000]);
  });

  it('builds the fallback response and sends it as agent_completed', async () => {
    const { tracker } = setup();
    const manager = new AgentExecutionTimeoutManager(undefined, { tracker });
    const ws = recordingNotifier();
    const response = await manager.createFallbackResponse('triage', new Error('llm down'), RUN, ws);
    expect(response).toMatchObject({
      success: false,
      fallback: true,
      error: 'llm down',
      errorType: 'Error',
      runId: RUN,
    });
    expect(ws.notifyAgentCompleted).toHaveBeenCalledWith(RUN, 'triage', response, 0);
  });

  it('reports its configuration, and rejects a bad one naming the field', () => {
    const { tracker } = setup();
    expect(
      new AgentExecutionTimeoutManager(
        { agentExecutionTimeout: 40 },
        { tracker },
      ).getExecutionStats(),
    ).toEqual({
      activeExecutions: 0,
      circuitBreakerState: 'closed',
      circuitBreakerFailures: 0,
      config: { agentTimeout: 40, llmTimeout: 15, maxRetries: 2 },
    });
    expect(() => new AgentExecutionTimeoutManager({ maxRetries: -1 })).toThrow(TrackerConfigError);
    expect(() => new AgentExecutionTimeoutManager({ maxRetries: -1 })).toThrow(
      'timeoutConfig.maxRetries: must be >= 0, got -1',
    );
  });

  it("uses its tracker's timeout config when given none, so the SSOT config is the one notion", async () => {
    const tracker = createExecutionTracker({
      store: null,
      clock: new ManualClock(),
      timeoutConfig: { agentExecutionTimeout: 7, maxRetries: 4 },
    });
    const manager = new AgentExecutionTimeoutManager(undefined, { tracker });
    expect(manager.config).toMatchObject({ agentExecutionTimeout: 7, maxRetries: 4 });
    expect(manager.getExecutionStats().config).toEqual({
      agentTimeout: 7,
      llmTimeout: 15,
      maxRetries: 4,
    });
    await manager.executeAgentWithTimeout(() => Promise.resolve('ok'), 'triage', RUN);
    expect(tracker.getExecutionsByAgent('triage')[0]?.timeoutSeconds).toBe(7);
    // A config of its own still wins, as in the legacy manager.
    expect(
      new AgentExecutionTimeoutManager({ agentExecutionTimeout: 3 }, { tracker }).config,
    ).toMatchObject({ agentExecutionTimeout: 3, maxRetries: 2 });
    await tracker.dispose();
  });

  it('replaces the module-level manager on configure', () => {
    const before = getTimeoutManager();
    const configured = configureTimeoutManager({ agentExecutionTimeout: 60 });
    expect(getTimeoutManager()).toBe(configured);
    expect(configured).not.toBe(before);
    expect(configured.config.agentExecutionTimeout).toBe(60);
  });
});
