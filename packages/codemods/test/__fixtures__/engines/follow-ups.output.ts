// An engine with its own state and its own timeout.
export class Engine {
  private readonly running = new Map<string, { state: string }>();

  async call<T>(work: Promise<T>): Promise<T> {
    // TODO(aet): Promise.race with setTimeout: a hand-rolled timeout: run the work under tracker.trackExecutionWithTimeout or executeWithCircuitBreaker (a deadline with an AbortSignal)
    return Promise.race([
      work,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 1_000)),
    ]);
  }

  get size() {
    return this.running.size;
  }
}
