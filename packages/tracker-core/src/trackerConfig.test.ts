import { describe, expect, it } from 'vitest';
import { TrackerConfigError } from './errors.js';
import { parseTimeoutConfig, parseTrackerConfig } from './trackerConfig.js';

describe(parseTrackerConfig, () => {
  it('fills in the reference defaults', () => {
    const config = parseTrackerConfig({});
    expect(config).toMatchObject({
      heartbeatTimeout: 10,
      cleanupInterval: 60,
      maxCompletedHistory: 100,
      transitionPolicy: 'strict',
      adaptiveTimeouts: { enabled: false },
    });
    expect(config.maxConcurrentPerUser).toBeUndefined();
    expect(config.timeoutConfig).toEqual({
      agentExecutionTimeout: 25,
      llmApiTimeout: 15,
      failureThreshold: 3,
      recoveryTimeout: 30,
      successThreshold: 2,
      maxRetries: 2,
      retryBaseDelay: 1,
      retryMaxDelay: 5,
      retryExponentialBase: 2,
      retryJitter: 'none',
    });
  });

  it.each([
    [{ heartbeatTimeout: -1 }, 'heartbeatTimeout: must be > 0 seconds, got -1'],
    [{ heartbeatTimeout: Number.NaN }, 'heartbeatTimeout: must be a number of seconds, got NaN'],
    [
      { heartbeatTimeout: Number.POSITIVE_INFINITY },
      'heartbeatTimeout: must be a number of seconds, got Infinity',
    ],
    [{ cleanupInterval: '60' }, 'cleanupInterval: must be a number of seconds, got "60"'],
    [
      { timeoutConfig: { failureThreshold: 0 } },
      'timeoutConfig.failureThreshold: must be >= 1, got 0',
    ],
    [
      { timeoutConfig: { maxRetries: 1.5 } },
      'timeoutConfig.maxRetries: must be a whole number, got 1.5',
    ],
    [{ maxConcurrentPerUser: 0 }, 'maxConcurrentPerUser: must be >= 1, got 0'],
    [{ transitionPolicy: 'lenient' }, 'transitionPolicy'],
    [{ heartbeat_timeout: 5 }, 'unknown key "heartbeat_timeout"'],
    [{ clock: { now: 1 } }, 'clock: must be a Clock'],
    [{ eventSinks: [42] }, 'eventSinks.0: must be a function, got 42'],
    [
      { adaptiveTimeouts: { enabled: true, minSeconds: 10, maxSeconds: 5 } },
      'adaptiveTimeouts.maxSeconds',
    ],
  ])('rejects %j naming the field and value', (input, message) => {
    expect(() => parseTrackerConfig(input)).toThrow(TrackerConfigError);
    expect(() => parseTrackerConfig(input)).toThrow(message);
  });

  it('configures no store unless one is given, and accepts null as "no store"', () => {
    expect(parseTrackerConfig({}).store).toBeUndefined();
    expect(parseTrackerConfig({ store: null }).store).toBeNull();
  });
});

describe(parseTimeoutConfig, () => {
  it('checks that the retry cap is not below the base delay', () => {
    expect(() => parseTimeoutConfig({ retryBaseDelay: 10, retryMaxDelay: 5 })).toThrow(
      /retryMaxDelay must be >= retryBaseDelay/,
    );
  });
});
