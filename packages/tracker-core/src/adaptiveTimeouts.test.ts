import { describe, expect, it } from 'vitest';
import { AdaptiveTimeouts } from './adaptiveTimeouts.js';

const config = { enabled: true, minSeconds: 1, maxSeconds: 300 };

describe(AdaptiveTimeouts, () => {
  it('falls back to the configured timeout when disabled or before any sample', () => {
    expect(new AdaptiveTimeouts({ ...config, enabled: false }).timeoutSeconds('triage', 25)).toBe(
      25,
    );
    expect(new AdaptiveTimeouts(config).timeoutSeconds('triage', 25)).toBe(25);
  });

  it('starts at mean plus four half-means after the first sample (RFC 6298 §2.2)', () => {
    const adaptive = new AdaptiveTimeouts(config);
    adaptive.recordDuration('triage', 2000);
    expect(adaptive.timeoutSeconds('triage', 25)).toBe(6); // 2 s + 4 × 1 s
  });

  it('tightens towards the mean when durations are steady', () => {
    const adaptive = new AdaptiveTimeouts(config);
    for (let i = 0; i < 50; i++) adaptive.recordDuration('triage', 2000);
    const learned = adaptive.timeoutSeconds('triage', 25);
    expect(learned).toBeGreaterThan(2);
    expect(learned).toBeLessThan(2.1);
  });

  it('widens with variance and keeps agents apart', () => {
    const adaptive = new AdaptiveTimeouts(config);
    for (let i = 0; i < 50; i++) adaptive.recordDuration('jittery', i % 2 === 0 ? 1000 : 5000);
    for (let i = 0; i < 50; i++) adaptive.recordDuration('steady', 3000);
    expect(adaptive.timeoutSeconds('jittery', 25)).toBeGreaterThan(
      adaptive.timeoutSeconds('steady', 25) + 3,
    );
  });

  it('doubles after a timeout and recovers with the next sample', () => {
    const adaptive = new AdaptiveTimeouts(config);
    adaptive.recordDuration('triage', 2000);
    adaptive.recordTimeout('triage');
    expect(adaptive.timeoutSeconds('triage', 25)).toBe(12);
    adaptive.recordTimeout('triage');
    expect(adaptive.timeoutSeconds('triage', 25)).toBe(24);
    adaptive.recordDuration('triage', 2000);
    expect(adaptive.timeoutSeconds('triage', 25)).toBeLessThan(6);
  });

  it('clamps to the configured bounds', () => {
    const adaptive = new AdaptiveTimeouts({ enabled: true, minSeconds: 5, maxSeconds: 20 });
    adaptive.recordDuration('fast', 10);
    adaptive.recordDuration('slow', 60_000);
    expect(adaptive.timeoutSeconds('fast', 25)).toBe(5);
    expect(adaptive.timeoutSeconds('slow', 25)).toBe(20);
  });
});
