/**
 * Debian's Chromium as the browser tests and benches start it: headless,
 * without the background work (updates, sync, QUIC) that would add noise to
 * what they measure. `CHROME_PATH` names another build.
 */
export const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export const chromeFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
