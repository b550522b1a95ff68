import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedVitestConfig } from '../../vitest.shared.js';

export default mergeConfig(
  sharedVitestConfig,
  defineConfig({
    test: {
      // A private redis-server for the run (Debian's package; the run fails with the fix when it
      // is missing). The built global setup of @aet/test-kit: Nx builds dependencies first.
      globalSetup: [fileURLToPath(import.meta.resolve('@aet/test-kit/redis-global-setup'))],
    },
  }),
);
