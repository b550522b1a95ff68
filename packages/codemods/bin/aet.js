#!/usr/bin/env node
// The aet command: runs the compiled CLI (npm run build in @aet/codemods builds it).
// Ctrl-C stops a run between two files (every file is left old or new); a second Ctrl-C exits.
const interrupt = new globalThis.AbortController();
process.on('SIGINT', () => {
  if (interrupt.signal.aborted) process.exit(130);
  process.stderr.write('\naet: stopping after the current file (Ctrl-C again to exit now)\n');
  interrupt.abort();
});
import('../dist/cli/main.js').then(
  ({ main }) =>
    main(process.argv.slice(2), {
      out: process.stdout,
      err: process.stderr,
      signal: interrupt.signal,
    }).then((code) => {
      process.exitCode = code;
    }),
  (error) => {
    process.stderr.write(
      `aet: cannot load the compiled CLI (${error.message}); run "npm run build" first\n`,
    );
    process.exitCode = 2;
  },
);
