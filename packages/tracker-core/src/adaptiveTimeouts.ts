import type { AdaptiveTimeoutConfig } from './trackerConfig.js';

interface AgentEstimate {
  smoothedMs: number;
  deviationMs: number;
  /** Doubles on each timeout, back to 1 on the next good sample (RFC 6298 §5.5). */
  backoff: number;
}

// RFC 6298 gains: α = 1/8 for the mean, β = 1/4 for the deviation, K = 4 deviations.
const ALPHA = 1 / 8;
const BETA = 1 / 4;
const K = 4;
const MAX_BACKOFF = 64;

/**
 * Per-agent execution timeouts learned from completed durations, the way TCP learns its
 * retransmission timeout: smoothed mean plus four mean deviations, clamped to the configured
 * bounds, doubled after each timeout. Callers skip samples of retried attempts (Karn's rule).
 * @internal
 */
export class AdaptiveTimeouts {
  private readonly estimates = new Map<string, AgentEstimate>();

  constructor(private readonly config: AdaptiveTimeoutConfig) {}

  /** Learns from one completed first-attempt execution of `agentName`. */
  recordDuration(agentName: string, durationMs: number): void {
    if (!this.config.enabled || !Number.isFinite(durationMs) || durationMs < 0) return;
    const estimate = this.estimates.get(agentName);
    if (estimate === undefined) {
      this.estimates.set(agentName, {
        smoothedMs: durationMs,
        deviationMs: durationMs / 2,
        backoff: 1,
      });
      return;
    }
    estimate.deviationMs =
      (1 - BETA) * estimate.deviationMs + BETA * Math.abs(estimate.smoothedMs - durationMs);
    estimate.smoothedMs = (1 - ALPHA) * estimate.smoothedMs + ALPHA * durationMs;
    estimate.backoff = 1;
  }

  /** Backs the timeout of `agentName` off after one of its executions timed out. */
  recordTimeout(agentName: string): void {
    const estimate = this.estimates.get(agentName);
    if (!this.config.enabled || estimate === undefined) return;
    estimate.backoff = Math.min(estimate.backoff * 2, MAX_BACKOFF);
  }

  /** The learned timeout in seconds, or `fallbackSeconds` when disabled or nothing learned yet. */
  timeoutSeconds(agentName: string, fallbackSeconds: number): number {
    const estimate = this.estimates.get(agentName);
    if (!this.config.enabled || estimate === undefined) return fallbackSeconds;
    const rtoSeconds = ((estimate.smoothedMs + K * estimate.deviationMs) * estimate.backoff) / 1000;
    return Math.min(Math.max(rtoSeconds, this.config.minSeconds), this.config.maxSeconds);
  }
}
