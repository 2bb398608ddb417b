import { fileURLToPath } from 'node:url';

/** What the test server is started with (playwright.config.ts) and the tests rely on. */
export const port = Number(process.env.TURNOUT_E2E_PORT ?? 3199);
export const baseURL = `http://127.0.0.1:${port}`;
export const setupToken = 'test-setup-token';

/** The browser's language and time zone in every test, so texts and defaults are predictable. */
export const browserLocale = 'en-US';
export const browserTimeZone = 'Europe/Berlin';

/** The built web app the server serves: web/build (built by `pnpm test`), or another build. */
export const webDir =
  process.env.TURNOUT_E2E_WEB_DIR ?? fileURLToPath(new URL('../../web/build', import.meta.url));
