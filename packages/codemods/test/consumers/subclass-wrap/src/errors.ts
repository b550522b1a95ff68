// Errors the engine raises, and how it reads the ones coming back from the trackers.

export class AgentRunError extends Error {
  override readonly name = 'AgentRunError';
  constructor(readonly code: 'EMPTY_MESSAGE' | 'UNKNOWN_AGENT', message: string) {
    super(message);
  }
}

export type FailureKind = 'timeout' | 'circuit_open' | 'error';

/** Timeouts and open breakers come back as plain errors: sort them by name and message. */
export function classifyFailure(error: unknown): FailureKind {
  if (!(error instanceof Error)) return 'error';
  if (error.name.endsWith('TimeoutError') || /timed out/i.test(error.message)) return 'timeout';
  if (error.name === 'CircuitBreakerOpenError' || /circuit breaker.*open/i.test(error.message)) return 'circuit_open';
  return 'error';
}
