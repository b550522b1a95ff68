import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedVitestConfig } from '../../vitest.shared.js';

export default mergeConfig(
  sharedVitestConfig,
  defineConfig({
    // The consumer repositories are fixtures with suites of their own, run by consumers.test.ts
    // on copies before and after each phase.
    test: { exclude: ['test/consumers/**', '**/node_modules/**'] },
  }),
);
