import { defineConfig } from 'vitest/config';
import { postgresSuites, sqliteOnlySuites } from './src/test/postgres-suites.js';

/**
 * Two projects: every suite on SQLite (the default store), and the suites
 * that must hold on both stores once more with their test servers on
 * PostgreSQL (TEST_STORE=postgres; src/test/postgres-suites.ts lists them).
 * TEST_DATABASE=sqlite leaves PostgreSQL out; =postgres runs only its project.
 */
const only = process.env.TEST_DATABASE;
const shared = {
  // A throwaway PostgreSQL cluster, started once per project that needs it.
  globalSetup: ['src/test/postgres.global-setup.ts'],
  testTimeout: 30_000,
  hookTimeout: 30_000,
};

export default defineConfig({
  test: {
    projects: [
      ...(only === 'postgres'
        ? []
        : [
            {
              test: {
                ...shared,
                name: 'sqlite',
                include: ['src/**/*.test.ts'],
                // Suites only about PostgreSQL (several app servers) run in its project.
                exclude: ['src/**/*.postgres.test.ts'],
              },
            },
          ]),
      ...(only === 'sqlite'
        ? []
        : [
            {
              test: {
                ...shared,
                name: 'postgres',
                include: postgresSuites,
                exclude: sqliteOnlySuites,
                env: { TEST_STORE: 'postgres' },
              },
            },
          ]),
    ],
  },
});
