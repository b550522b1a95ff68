import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedVitestConfig } from '../../vitest.shared.js';

export default mergeConfig(
  sharedVitestConfig,
  defineConfig({
    test: {
      // The kit's own Redis fixture starts Debian's redis-server for the suites that need it.
      globalSetup: ['./src/redis/globalSetup.ts'],
      setupFiles: ['./src/setup.ts'],
      typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    },
  }),
);
