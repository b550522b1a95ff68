#!/usr/bin/env node
// The aet command: runs the compiled CLI (npm run build in @aet/codemods builds it).
import('../dist/cli/main.js').then(
  ({ main }) =>
    main(process.argv.slice(2)).then((code) => {
      process.exitCode = code;
    }),
  (error) => {
    process.stderr.write(
      `aet: cannot load the compiled CLI (${error.message}); run "npm run build" first\n`,
    );
    process.exitCode = 2;
  },
);
