/** The user's message cannot be handled as sent (empty, too long…). Shown to the user as is. */
export class AgentInputError extends Error {
  override readonly name = 'AgentInputError';
}

/** The user already has a run in progress on this thread. */
export class AgentBusyError extends Error {
  override readonly name = 'AgentBusyError';
  constructor(readonly threadId: string) {
    super(`a reply is already being written in thread ${threadId}`);
  }
}

export class SummaryCancelledError extends Error {
  override readonly name = 'SummaryCancelledError';
}

export function isTimeoutError(error: unknown): boolean {
  return error instanceof Error && (error.name.includes('Timeout') || /timed out/i.test(error.message));
}

export function isCircuitOpenError(error: unknown): boolean {
  return error instanceof Error && error.name === 'CircuitBreakerOpenError';
}
