import { afterEach, describe, expect, it } from 'vitest';
import {
  AgentExecutionTracker,
  configureExecutionTracker,
  createExecutionTracker,
  getExecutionTracker,
  ManualClock,
  shutdownExecutionTracker,
  TrackerConfigError,
} from '@aet/tracker-core';

afterEach(async () => {
  await shutdownExecutionTracker();
});

describe('the process singleton', () => {
  it('is one instance however it is reached', () => {
    expect(getExecutionTracker()).toBe(AgentExecutionTracker.getInstance());
    expect(getExecutionTracker()).toBe(getExecutionTracker());
  });

  it('takes its configuration before first use, and refuses it afterwards', () => {
    const clock = new ManualClock(5_000);
    configureExecutionTracker({ heartbeatTimeout: 3, clock });
    expect(getExecutionTracker().configuration.heartbeatTimeout).toBe(3);
    expect(() => {
      configureExecutionTracker({ heartbeatTimeout: 4 });
    }).toThrow(TrackerConfigError);
  });

  it('validates configuration when it is given, not later', () => {
    expect(() => {
      configureExecutionTracker({ heartbeatTimeout: 0 });
    }).toThrow('heartbeatTimeout: must be > 0 seconds, got 0');
  });

  it('is replaced after shutdown, and isolated instances share nothing with it', async () => {
    const first = getExecutionTracker();
    const isolated = createExecutionTracker();
    isolated.createExecution({ agentName: 'a', userId: 'user-5d1c8e', threadId: 'thread-2b7f90' });
    expect(first.getMetrics().totalExecutions).toBe(0);
    await shutdownExecutionTracker();
    expect(getExecutionTracker()).not.toBe(first);
    await isolated.dispose();
    expect(() =>
      isolated.createExecution({
        agentName: 'a',
        userId: 'user-5d1c8e',
        threadId: 'thread-2b7f90',
      }),
    ).toThrow(/disposed/);
  });
});
