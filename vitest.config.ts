import { defineConfig } from 'vitest/config';

// Node-only unit tests. Browser behaviour is covered by Playwright (tests/e2e/).
export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/unit/**/*.test.ts'],
    setupFiles: ['tests/unit/setup/wasm-memory64.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
