// Flat config shared by every package: typescript-eslint's strict type-checked rules, plus the
// project rules from STYLE.md (type-only imports, exhaustive switches, no console outside CLIs,
// no focused tests).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const focusedTests = ['it', 'test', 'describe'].map((object) => ({
  object,
  property: 'only',
  message: 'Focused tests stop every other test from running.',
}));

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/.nx/**',
      '**/coverage/**',
      // Codemod fixtures are code before and after a migration, not code of this repository.
      'packages/codemods/test/__fixtures__/**',
      'packages/codemods/test/consumers/**',
      '.aet-demo/**',
      // An outside user's code, checked where it runs: the release smoke test type-checks it
      // under nodenext and bundler resolution against the published packages, and runs it.
      'tools/release-smoke/consumer/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // Wrappers re-reject exactly what user code rejected with, which may be any value.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
      'no-console': 'error',
      'no-restricted-properties': ['error', ...focusedTests],
    },
  },
  {
    files: ['**/*.test.ts', '**/test/**/*.ts', 'tools/**/*.ts', '**/examples/**/*.ts'],
    rules: {
      'no-console': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
  {
    // Type tests reference methods without calling them; nothing is ever bound there.
    files: ['**/*.test-d.ts'],
    rules: { '@typescript-eslint/unbound-method': 'off' },
  },
  {
    // The shims are the deprecated API, and the example backend is the legacy code that uses it.
    files: [
      'packages/legacy-shims/**/*.ts',
      'examples/legacy-chat-backend/**/*.ts',
      'tools/bench/shims.bench.ts',
    ],
    rules: { '@typescript-eslint/no-deprecated': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Plain Node scripts: the binary and test fixtures run as child processes.
    files: ['**/bin/*.js', '**/test/fixtures/*.mjs'],
    languageOptions: { globals: { process: 'readonly', setInterval: 'readonly' } },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
