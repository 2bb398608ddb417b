import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { mergeResults, percentile, printTable } from '@turnout/server/bench';
import { buildClub } from '@turnout/server/builders';
import { startTestServer } from '@turnout/server/testing';
import { SyncStatus } from '../pages/SyncStatus';

/**
 * The door kiosk's name search per keystroke over 2,000 members
 * (`kiosk.search.*`, issue 13), in Chromium against a real server: the
 * owner's tablet turned into a kiosk. The page times each search itself as
 * the User Timing measure `turnout:kiosk:search` (web/src/routes/kiosk),
 * from the query to the matches found; the figures are those measures.
 * Nothing here asserts. Run by the e2e package's `bench` after web.bench.ts.
 */

const MEMBERS = 2000;
const PASSWORD = 'a long enough password';
const PIN = '2468';
/**
 * Typed key by key through Chromium's input pipeline; each query's first
 * letter is left out of the figures (under two letters the kiosk does not
 * search). The bench club's names are one word each
 * ("member-123-…@example.org"), so a short prefix matches hundreds and the
 * search stops at the eight it shows; these queries also match few or
 * nobody, which reads all 2,000 members: those keystrokes make the p95.
 */
const QUERIES = ['member-1999', 'member-42', 'mem', 'zzz', 'nobody here', 'member-1234-x'];

const server = await startTestServer();
const base = server.localUrl;
console.log(`seeding a club with ${MEMBERS} members…`);
const club = await buildClub(server.deps, {
  members: MEMBERS,
  sessions: 1,
  passSessions: 10,
  password: PASSWORD,
});
const profile = mkdtempSync(join(tmpdir(), 'turnout-bench-kiosk-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-sync'],
  baseURL: base,
  viewport: { width: 800, height: 1280 },
});

let figures: Record<string, number>;
try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto('/login');
  await page.getByLabel('Email').fill(club.ownerEmail);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(`${base}/`);
  await new SyncStatus(page).settled();
  figures = await kioskSearchFigures(page);
} finally {
  await context.close().catch(() => undefined);
  await server.close();
  rmSync(profile, { recursive: true, force: true });
}

printTable(figures);
mergeResults(figures);

async function kioskSearchFigures(page: Page): Promise<Record<string, number>> {
  await page.goto('/kiosk');
  await page.getByLabel('Exit PIN (4–8 digits)').fill(PIN);
  await page.getByLabel('The same PIN again').fill(PIN);
  await page.getByRole('button', { name: 'Start the kiosk' }).click();
  const search = page.getByRole('searchbox', { name: 'Your name' });
  await search.waitFor({ timeout: 60_000 });

  const durations: number[] = [];
  let keystrokes = 0;
  for (const query of QUERIES) {
    await search.fill(query.slice(0, 1));
    await page.evaluate(() => performance.clearMeasures('turnout:kiosk:search'));
    await search.pressSequentially(query.slice(1));
    keystrokes += query.length - 1;
    durations.push(...(await measures(page, query.length - 1)));
  }

  const round = (n: number) => Math.round(n * 1000) / 1000;
  return {
    'kiosk.search.p50Ms': round(percentile(durations, 50)),
    'kiosk.search.p95Ms': round(percentile(durations, 95)),
    'kiosk.search.maxMs': round(Math.max(...durations)),
    'kiosk.search.keystrokes': keystrokes,
    'kiosk.search.samples': durations.length,
  };
}

/**
 * The search measures since the last clear, once there are `count` (one per
 * keystroke) or after two seconds (should Svelte fold two keys into one
 * update, `kiosk.search.samples` shows it).
 */
async function measures(page: Page, count: number): Promise<number[]> {
  // No named functions inside: tsx would wrap them in a helper the page lacks.
  return page.evaluate(async (count) => {
    const until = performance.now() + 2000;
    while (
      performance.getEntriesByName('turnout:kiosk:search').length < count &&
      performance.now() < until
    ) {
      await new Promise((r) => setTimeout(r, 5));
    }
    return performance.getEntriesByName('turnout:kiosk:search').map((e) => e.duration);
  }, count);
}
