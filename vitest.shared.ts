import { defineConfig } from 'vitest/config';

/**
 * Shared by every package's vitest.config.ts: workspace packages resolve to their `src/` through
 * the `@aet/source` export condition, so tests never need a build. (Vitest resolves through Vite's
 * SSR resolver, so the condition goes in `ssr.resolve` too, ahead of Vite's own server defaults.)
 */
export const sharedVitestConfig = defineConfig({
  resolve: { conditions: ['@aet/source'] },
  ssr: { resolve: { conditions: ['@aet/source', 'module', 'node', 'development|production'] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
