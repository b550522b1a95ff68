import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const script = join(here, '..', 'src', 'monitoring', 'heartbeatMonitor.cjs');
// The script loads the built tracker (directly, or through the legacy shims before migration).
const trackerDist = join(
  dirname(createRequire(import.meta.url).resolve('@aet/tracker-core/package.json')),
  'dist',
);

describe('heartbeatMonitor.cjs (CommonJS, run by Node as ops scripts run it)', () => {
  it("prints the heartbeat tracker's counts as JSON", async () => {
    if (!existsSync(trackerDist)) {
      throw new Error(
        `${trackerDist} is missing: the CommonJS script loads the built packages. Run "npm run build" ` +
          '(npm test builds them first through Nx).',
      );
    }
    const { stdout } = await promisify(execFile)(process.execPath, ['--no-warnings', script], {
      cwd: here,
    });
    expect(JSON.parse(stdout)).toEqual({ active: 0, dead: 0, timedOut: 0 });
  });
});
