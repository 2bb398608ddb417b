import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { baseURL, browserLocale, browserTimeZone, port, setupToken, webDir } from './support/env';
import { chromeFlags, chromePath } from './support/chromium';

// Workers load this file again; the environment carries the first choice over
// so every process agrees on one fresh data directory per run.
process.env.TURNOUT_E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'turnout-e2e-'));

export default defineConfig({
  testDir: './tests',
  globalTeardown: './support/teardown.ts',
  fullyParallel: false,
  // Two spec files at a time against the one server: every test seeds a club
  // of its own, and most of a test's time is waiting (sync, pokes, timers), so
  // on this 2-core machine the suite took 5.9-6.1 min instead of 13-14.
  workers: 2,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    locale: browserLocale,
    timezoneId: browserTimeZone,
    trace: 'retain-on-failure',
    // A step that cannot happen fails in seconds, not at the test's timeout.
    actionTimeout: 10_000,
    launchOptions: {
      executablePath: chromePath,
      args: chromeFlags,
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    // The real server, serving the built web app (the `test` script builds it first).
    command: 'pnpm --filter @turnout/server start',
    cwd: '..',
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: process.env.TURNOUT_E2E_DATA_DIR,
      TURNOUT_SETUP_TOKEN: setupToken,
      LOG_LEVEL: 'warn',
      // The seeding client (support/api.ts) names a made-up address per club in
      // X-Forwarded-For, so the per-address guessing limits do not throttle seeding.
      TRUST_PROXY: 'true',
      BACKUP_HOUR: 'off',
      // web/build, which `pnpm test` builds (TURNOUT_E2E_WEB_DIR names another build).
      WEB_DIR: webDir,
    },
  },
});
