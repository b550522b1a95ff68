import { defineConfig } from 'vitest/config';
export default defineConfig({
  resolve: { conditions: ['@aet/source'] },
  ssr: { resolve: { conditions: ['@aet/source', 'module', 'node', 'development|production'] } },
  test: { include: ['**/*.test.{ts,js,mjs,cjs}'], exclude: ['**/node_modules/**'], testTimeout: 20000 },
});
