import type { ProgressStream } from './progress.js';

/** Where the CLI writes: results to `out`, progress and diagnostics to `err`. */
export interface CliIo {
  readonly out: ProgressStream;
  readonly err: ProgressStream;
  /** Aborted on SIGINT: long runs stop between two files. */
  readonly signal?: AbortSignal;
}

/** Exit codes: 0 done/clean, 1 findings or pending work, 2 usage or an incomplete run, 130 interrupted. */
export const EXIT = { ok: 0, findings: 1, usage: 2, interrupted: 130 } as const;

/** `n thing` / `n things`. */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
