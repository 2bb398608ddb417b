import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { mergeResults, percentile, printTable } from '@turnout/server/bench';
import { buildClub } from '@turnout/server/builders';
import { startTestServer } from '@turnout/server/testing';
import { SyncStatus } from '../pages/SyncStatus';
import { chromeFlags, chromePath } from '../support/chromium';

/**
 * The app in Chromium against a real server and a club of 2,000 members:
 * first-load JavaScript, queueing check-ins offline, syncing 500 of them on
 * reconnect, roster search per keystroke, offline cold start, Lighthouse.
 * Figures go to bench-results.json under `web.*`; nothing here asserts.
 */

const MEMBERS = 2000;
const SYNCED = 500;
/** Of the queued check-ins, how many are tapped through Chromium's input pipeline. */
const REAL_TAPS = 100;
const PASSWORD = 'a long enough password';

const figures: Record<string, number> = {};
const round = (n: number) => Math.round(n * 100) / 100;

const server = await startTestServer();
const base = server.localUrl;
console.log(`seeding a club with ${MEMBERS} members…`);
const club = await buildClub(server.deps, {
  members: MEMBERS,
  sessions: 2,
  passSessions: 10,
  password: PASSWORD,
});
const [sessionId, otherSessionId] = club.sessionIds as [string, string];
const profile = mkdtempSync(join(tmpdir(), 'turnout-bench-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: chromePath,
  args: chromeFlags,
  baseURL: base,
  viewport: { width: 360, height: 740 },
});

try {
  const page = context.pages()[0] ?? (await context.newPage());
  figures['web.firstLoad.jsBytes'] = await firstLoadScriptBytes(page);

  await page.getByLabel('Email').fill(club.ownerEmail);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(`${base}/`);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.reload();
  await new SyncStatus(page).settled();

  figures['web.offlineColdStart.ms.p50'] = await offlineColdStart(context);

  await page.goto(`/sessions/${sessionId}`);
  await page.locator('#roster-search').waitFor();
  const search = await searchTimings(page);
  figures['web.rosterSearch.perKeystrokeMs.p50'] = round(percentile(search.work, 50));
  figures['web.rosterSearch.perKeystrokeMs.p95'] = round(percentile(search.work, 95));
  figures['web.rosterSearch.toPaintMs.p50'] = round(percentile(search.toPaint, 50));
  figures['web.rosterSearch.toPaintMs.p95'] = round(percentile(search.toPaint, 95));

  await context.setOffline(true);
  const scripted = await queueCheckIns(page, 0, SYNCED - REAL_TAPS, false);
  const judged = await page.evaluate(() =>
    performance.getEntriesByName('turnout:queue:judge').map((e) => e.duration),
  );
  const real = await queueCheckIns(page, SYNCED - REAL_TAPS, REAL_TAPS, true);
  figures['web.queue.ms.p50'] = round(percentile(scripted.stored, 50));
  figures['web.queue.ms.p95'] = round(percentile(scripted.stored, 95));
  figures['web.queue.shownMs.p50'] = round(percentile(scripted.shown, 50));
  figures['web.queue.shownMs.p95'] = round(percentile(scripted.shown, 95));
  figures['web.queue.judgeMs.p50'] = round(percentile(judged, 50));
  figures['web.queue.judgeMs.p95'] = round(percentile(judged, 95));
  figures['web.queue.realInput.ms.p50'] = round(percentile(real.stored, 50));
  figures['web.queue.realInput.ms.p95'] = round(percentile(real.stored, 95));
  figures['web.queue.realInput.shownMs.p50'] = round(percentile(real.shown, 50));
  figures['web.queue.realInput.shownMs.p95'] = round(percentile(real.shown, 95));

  const started = Date.now();
  await context.setOffline(false);
  await new SyncStatus(page).settled();
  figures[`web.sync${SYNCED}.ms`] = Date.now() - started;
  const checkedIn = server.sqlite
    .prepare('SELECT COUNT(*) AS n FROM attendance WHERE session_id = ? AND voided = 0')
    .get(sessionId) as { n: number };
  figures[`web.sync${SYNCED}.arrived`] = checkedIn.n;

  const cookies = await context.cookies();
  const ownerCookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  await context.close();
  const member = server.client();
  await member.api.auth.login.mutate({ email: club.memberEmails[0]!, password: PASSWORD });
  const memberCookie = [...member.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  Object.assign(figures, await lighthouseScores(`${base}/login`, 'login', ''));
  Object.assign(figures, await lighthouseScores(`${base}/`, 'memberHome', memberCookie));
  Object.assign(
    figures,
    await lighthouseScores(`${base}/sessions/${otherSessionId}`, 'hostSession', ownerCookie),
  );
} finally {
  await context.close().catch(() => undefined);
  await server.close();
  rmSync(profile, { recursive: true, force: true });
}

printTable(figures);
mergeResults(figures);

/** Compressed bytes of every script the login page loads on a first visit. */
async function firstLoadScriptBytes(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const scripts = new Set<string>();
  let bytes = 0;
  cdp.on('Network.responseReceived', (e) => {
    if (e.type === 'Script') scripts.add(e.requestId);
  });
  cdp.on('Network.loadingFinished', (e) => {
    if (scripts.has(e.requestId)) bytes += e.encodedDataLength;
  });
  await page.goto('/login', { waitUntil: 'networkidle' });
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
  await cdp.detach();
  return bytes;
}

/** Offline, a new tab opening the app until the first session of the list is shown. */
async function offlineColdStart(context: BrowserContext): Promise<number> {
  await context.setOffline(true);
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const tab = await context.newPage();
    await tab.goto('/');
    const link = tab.locator('main a[href^="/sessions/"]').first();
    await link.waitFor();
    times.push(
      await tab.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0];
        return performance.now() - (nav?.startTime ?? 0);
      }),
    );
    await tab.close();
  }
  await context.setOffline(false);
  return round(percentile(times, 50));
}

/**
 * Types member names into the roster search. Per keystroke, two figures:
 * the main thread's work (from the input event through the filter, the DOM
 * update and layout, plus the paint of the next frame) and the latency to
 * that frame painted, which also holds the wait for the screen's next
 * refresh (up to 16.7 ms at 60 Hz) during which nothing runs.
 */
async function searchTimings(page: Page): Promise<{ work: number[]; toPaint: number[] }> {
  const work: number[] = [];
  const toPaint: number[] = [];
  for (const query of ['member-1', 'member-12', 'member-123', 'member-1234', 'mem', 'zzz']) {
    for (let n = 1; n <= query.length; n++) {
      const [busy, painted] = await page.evaluate(
        (text) => {
          const input = document.querySelector<HTMLInputElement>('#roster-search')!;
          const start = performance.now();
          input.value = text;
          input.dispatchEvent(new Event('input', { bubbles: true }));
          return new Promise<[number, number]>((resolve) =>
            // After Svelte's update (a microtask), force style and layout; then time the frame's paint.
            queueMicrotask(() =>
              queueMicrotask(() => {
                void document.body.offsetHeight;
                const laidOut = performance.now() - start;
                requestAnimationFrame(() => {
                  const frame = performance.now();
                  setTimeout(() => {
                    const end = performance.now();
                    resolve([laidOut + (end - frame), end - start]);
                  }, 0);
                });
              }),
            ),
          );
        },
        query.slice(0, n),
      );
      work.push(busy);
      toPaint.push(painted);
    }
  }
  await page.locator('#roster-search').fill('');
  return { work, toPaint };
}

interface QueueTimes {
  /** Tap → the check-in committed to the outbox (`turnout:queue:stored`). */
  stored: number[];
  /** Tap → the frame painting it (`turnout:queue`). */
  shown: number[];
}

/**
 * Checks in `count` members one tap each, at a host's pace, each found by
 * typing into the roster search; returns the app's own User Timing
 * measures. The loop runs inside the page, so that no harness work (such as
 * Playwright polling the page) runs between a tap and its measure. A scripted
 * tap is a click event dispatched in the page; a `realInput` tap goes
 * through Chromium's input pipeline (CDP mouse events), after which Chromium
 * holds IndexedDB answers back until the next frame has been painted.
 */
async function queueCheckIns(
  page: Page,
  from: number,
  count: number,
  realInput: boolean,
): Promise<QueueTimes> {
  await page.evaluate(() => performance.clearMeasures());
  for (let i = from; i < from + count; i++) {
    await page.evaluate(async (text) => {
      const input = document.querySelector<HTMLInputElement>('#roster-search')!;
      input.value = text;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    }, `member-${i}-`);
    const tapped = (n: number) =>
      page.evaluate(async (n) => {
        while (
          performance.getEntriesByName('turnout:queue').length < n ||
          performance.getEntriesByName('turnout:queue:stored').length < n
        ) {
          await new Promise((r) => setTimeout(r, 5));
        }
        // A host's pace: the next tap comes a moment later.
        await new Promise((r) => setTimeout(r, 50));
      }, n);
    const done = i - from + 1;
    if (realInput) {
      await page.getByTestId('roster-check-in').first().click();
    } else {
      await page.evaluate(() =>
        document.querySelector<HTMLButtonElement>('[data-testid="roster-check-in"]')!.click(),
      );
    }
    await tapped(done);
  }
  await page.getByText(new RegExp(`^${from + count} changes? waits? to sync$`)).waitFor();
  return page.evaluate(() => ({
    stored: performance.getEntriesByName('turnout:queue:stored').map((e) => e.duration),
    shown: performance.getEntriesByName('turnout:queue').map((e) => e.duration),
  }));
}

async function lighthouseScores(
  url: string,
  name: string,
  cookie: string,
): Promise<Record<string, number>> {
  const chrome = await chromeLauncher.launch({ chromePath, chromeFlags });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility'],
      formFactor: 'mobile',
      ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}),
    });
    const categories = result?.lhr.categories ?? {};
    return {
      [`web.lighthouse.${name}.performance`]: Math.round(
        (categories.performance?.score ?? 0) * 100,
      ),
      [`web.lighthouse.${name}.accessibility`]: Math.round(
        (categories.accessibility?.score ?? 0) * 100,
      ),
    };
  } finally {
    chrome.kill();
  }
}
