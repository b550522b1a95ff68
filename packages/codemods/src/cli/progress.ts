/** Where progress goes: standard error, usually. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

const BAR_WIDTH = 30;
// Runs shorter than this print no plain progress lines (the summary says it all).
const QUIET_BELOW = 1_000;

/**
 * Progress of a long run: a bar redrawn in place on a terminal; on anything else (CI logs,
 * pipes), a plain line at each quarter of a run of 1,000 files or more.
 */
export function createProgress(
  stream: ProgressStream,
  label: string,
): {
  update(done: number, total: number): void;
  finish(): void;
} {
  let lastQuarter = 0;
  let drawn = false;
  return {
    update(done, total) {
      if (total === 0) return;
      if (stream.isTTY === true) {
        if (done % 25 !== 0 && done !== total) return;
        const filled = Math.round((done / total) * BAR_WIDTH);
        stream.write(
          `\r${label} [${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${done}/${total} files`,
        );
        drawn = true;
        return;
      }
      if (total < QUIET_BELOW) return;
      const quarter = Math.floor((done / total) * 4);
      if (quarter > lastQuarter) {
        lastQuarter = quarter;
        stream.write(`${label}: ${done}/${total} files\n`);
      }
    },
    finish() {
      if (drawn) stream.write('\n');
    },
  };
}
