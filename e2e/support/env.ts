/** What the test server is started with (playwright.config.ts) and the tests rely on. */
export const port = Number(process.env.TURNOUT_E2E_PORT ?? 3199);
export const baseURL = `http://127.0.0.1:${port}`;
export const setupToken = 'test-setup-token';

/** The browser's language and time zone in every test, so texts and defaults are predictable. */
export const browserLocale = 'en-US';
export const browserTimeZone = 'Europe/Berlin';
