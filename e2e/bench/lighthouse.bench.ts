import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from '@playwright/test';
import lighthouse, { type Flags, type Result } from 'lighthouse';
import { screenEmulationMetrics } from 'lighthouse/core/config/constants.js';
import { mergeResults, printTable } from '@turnout/server/bench';
import { buildClub } from '@turnout/server/builders';
import { startTestServer } from '@turnout/server/testing';
import { LoginPage } from '../pages/LoginPage';
import { SessionPage } from '../pages/SessionPage';
import { SessionsPage } from '../pages/SessionsPage';
import { SyncStatus } from '../pages/SyncStatus';
import { chromeFlags, chromePath } from '../support/chromium';

/**
 * Lighthouse 12, mobile (simulated throttling, Moto G Power screen), on the
 * two screens issue 16 names: a member's sessions list (`/`) and a host's
 * roster of a session (`/sessions/<id>`). Each person logs in through the
 * app in Playwright's Chromium, waits for the first sync, opens the screen;
 * Lighthouse then audits that screen in the same browser (its DevTools port)
 * without resetting storage, so the login cookie, the service worker and the
 * club's copy in IndexedDB are those of a phone already in use. Each screen
 * is audited RUNS times; the median score of each category goes to
 * bench-results.json under `lighthouse.*`. Below target, the audits that
 * lost points are printed. Nothing here asserts. Targets: performance ≥ 95,
 * accessibility 100.
 */

const MEMBERS = 2000;
const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
const PASSWORD = 'a long enough password';
const TARGET = { performance: 95, accessibility: 100 } as const;
type Category = keyof typeof TARGET;

const server = await startTestServer();
const base = server.localUrl;
console.log(`seeding a club with ${MEMBERS} members…`);
const club = await buildClub(server.deps, {
  members: MEMBERS,
  sessions: 2,
  passSessions: 10,
  password: PASSWORD,
});
const [sessionId] = club.sessionIds as [string];

const figures: Record<string, number> = {};
try {
  Object.assign(
    figures,
    await audit('member.sessions', club.memberEmails[0]!, '/', async (context) => {
      await new SessionsPage(context.pages()[0]!).open();
    }),
  );
  Object.assign(
    figures,
    await audit('host.roster', club.ownerEmail, `/sessions/${sessionId}`, async (context) => {
      const page = context.pages()[0]!;
      await page.goto(`/sessions/${sessionId}`);
      await new SessionPage(page).rosterSearch.waitFor();
    }),
  );
} finally {
  await server.close();
}

printTable(figures);
mergeResults(figures);

/**
 * Logs `email` in within a fresh Chromium profile that Lighthouse can reach,
 * opens the screen (`open`), then audits `path` RUNS times. The harness's own
 * tab is parked on about:blank meanwhile, so the audited tab is the app's
 * only one.
 */
async function audit(
  name: string,
  email: string,
  path: string,
  open: (context: BrowserContext) => Promise<void>,
): Promise<Record<string, number>> {
  const port = await freePort();
  const profile = mkdtempSync(join(tmpdir(), 'turnout-bench-lighthouse-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromePath,
    args: [...chromeFlags, `--remote-debugging-port=${port}`],
    baseURL: base,
    // Lighthouse emulates the phone's screen; Playwright must not override it.
    viewport: null,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const login = new LoginPage(page);
    await login.open();
    await login.login(email, PASSWORD);
    await page.waitForURL(`${base}/`);
    // Installed and synced, as on a phone in use.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.reload();
    await new SyncStatus(page).settled();
    await open(context);
    await page.goto('about:blank');

    const scores: Record<Category, number[]> = { performance: [], accessibility: [] };
    const reports: Result[] = [];
    for (let run = 1; run <= RUNS; run++) {
      const lhr = await lighthouseRun(`${base}${path}`, port);
      const report = join(tmpdir(), `turnout-lighthouse-${name}-${run}.json`);
      writeFileSync(report, JSON.stringify(lhr));
      const got = {
        performance: score(lhr, 'performance'),
        accessibility: score(lhr, 'accessibility'),
      };
      console.log(
        `${name} run ${run}: performance ${got.performance}, accessibility ${got.accessibility}` +
          ` (TBT ${lhr.audits['total-blocking-time']?.displayValue},` +
          ` CLS ${lhr.audits['cumulative-layout-shift']?.displayValue},` +
          ` CPU benchmark index ${lhr.environment.benchmarkIndex}; ${report})`,
      );
      scores.performance.push(got.performance);
      scores.accessibility.push(got.accessibility);
      reports.push(lhr);
    }

    const result: Record<string, number> = {};
    for (const category of ['performance', 'accessibility'] as const) {
      const median = medianOf(scores[category]);
      result[`lighthouse.${name}.${category}`] = median;
      if (median >= TARGET[category]) continue;
      const worst = reports.reduce((a, b) => (score(b, category) < score(a, category) ? b : a));
      printLostPoints(name, category, worst);
    }
    return result;
  } finally {
    await context.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  }
}

async function lighthouseRun(url: string, port: number): Promise<Result> {
  const flags: Flags = {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance', 'accessibility'],
    formFactor: 'mobile',
    screenEmulation: screenEmulationMetrics.mobile,
    // Keep the login cookie, the service worker and IndexedDB.
    disableStorageReset: true,
  };
  const result = await lighthouse(url, flags);
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  if (result.lhr.runtimeError) {
    throw new Error(
      `Lighthouse: ${result.lhr.runtimeError.code} ${result.lhr.runtimeError.message}`,
    );
  }
  for (const warning of result.lhr.runWarnings) console.log(`  warning: ${warning}`);
  return result.lhr;
}

function score(lhr: Result, category: Category): number {
  return Math.round((lhr.categories[category]?.score ?? 0) * 100);
}

function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

/** The audits of `category` that lost points (in the run with that category's lowest score). */
function printLostPoints(name: string, category: Category, lhr: Result): void {
  console.log(`\n${name} ${category} below ${TARGET[category]}; audits short of full marks:`);
  for (const ref of lhr.categories[category]?.auditRefs ?? []) {
    const audit = lhr.audits[ref.id];
    if (!audit || audit.score === null || audit.score >= 1) continue;
    if (ref.weight === 0 && category === 'accessibility') continue;
    const value = audit.displayValue ? ` (${audit.displayValue})` : '';
    console.log(`  ${audit.title}: score ${audit.score}, weight ${ref.weight}${value}`);
  }
  if (category === 'performance') {
    for (const id of ['mainthread-work-breakdown', 'bootup-time', 'long-tasks']) {
      const audit = lhr.audits[id];
      if (audit?.displayValue) console.log(`  (info) ${audit.title}: ${audit.displayValue}`);
    }
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
