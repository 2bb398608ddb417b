import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // A throwaway PostgreSQL cluster for the suites that run on both stores.
    globalSetup: ['src/test/postgres.global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
