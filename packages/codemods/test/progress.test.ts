import { describe, expect, it } from 'vitest';
import { createProgress } from '../src/cli/progress.js';

function stream(isTTY: boolean) {
  const writes: string[] = [];
  return { isTTY, writes, write: (text: string) => writes.push(text) };
}

describe(createProgress, () => {
  it('redraws one bar in place on a terminal', () => {
    const tty = stream(true);
    const progress = createProgress(tty, 'aet audit');
    for (let done = 1; done <= 50; done++) progress.update(done, 50);
    progress.finish();
    expect(tty.writes).toEqual([
      `\raet audit [${'#'.repeat(15)}${'.'.repeat(15)}] 25/50 files`,
      `\raet audit [${'#'.repeat(30)}] 50/50 files`,
      '\n',
    ]);
  });

  it('prints a plain line per quarter elsewhere, and nothing for short runs', () => {
    const log = stream(false);
    const long = createProgress(log, 'aet audit');
    for (let done = 1; done <= 2_000; done++) long.update(done, 2_000);
    long.finish();
    expect(log.writes).toEqual([
      'aet audit: 500/2000 files\n',
      'aet audit: 1000/2000 files\n',
      'aet audit: 1500/2000 files\n',
      'aet audit: 2000/2000 files\n',
    ]);
    const short = stream(false);
    const quiet = createProgress(short, 'aet audit');
    for (let done = 1; done <= 10; done++) quiet.update(done, 10);
    expect(short.writes).toEqual([]);
  });
});
