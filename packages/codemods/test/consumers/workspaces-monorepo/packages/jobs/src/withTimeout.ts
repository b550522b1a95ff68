/** Raised by {@link withTimeout} when the wrapped work takes too long. */
export class JobTimeoutError extends Error {
  override readonly name = 'JobTimeoutError';
  constructor(
    readonly label: string,
    readonly timeoutMs: number,
  ) {
    super(`${label} timed out after ${timeoutMs}ms`);
  }
}

/**
 * Races `work` against a timer. The timer is cleared as soon as the work settles, so a finished
 * job never keeps the process alive.
 */
export async function withTimeout<T>(work: Promise<T>, timeoutMs: number, label = 'job'): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new JobTimeoutError(label, timeoutMs)), timeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
