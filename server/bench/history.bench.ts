import fs from 'node:fs';
import { statementsOf } from '../src/db/connection.js';
import type { SqliteStatements } from '../src/db/statements.js';
import { Device } from '../src/test/devices.js';
import { startTestServer, type TestServer } from '../src/test/harness.js';
import { isFullScan, readSteps, recordQueries, walksHistory } from '../src/test/query-record.js';
import { percentile, type Bench } from './bench.js';
import { buildHistoryClub } from './history-club.js';
import { ATTENDEES_PER_OLD_SESSION, seedOlderHistory } from './old-history.js';
import { cookieOf, pullAll, pullPage, type PullTarget } from './pull-http.js';

const MEMBERS = 1000;
/** Recent days, all inside the pull's 30-day window: about 10,000 history rows on their own. */
const RECENT_DAYS = 24;
const AHEAD_DAYS = 14;
const SMALL = 10_000;
const MIDDLE = 100_000;
/** HISTORY_ROWS=300000 measures a smaller large club (e.g. where seeding a million is too slow). */
const LARGE = Number(process.env.HISTORY_ROWS ?? 1_000_000);
const INITIAL_RUNS = 7;
const UP_TO_DATE_RUNS = 31;

/**
 * Does a pull cost what it sends, or what the club has ever done? The same
 * 1,000-member club (24 recent days, 14 ahead) three times, on fresh
 * servers: once with about 10,000 history rows (attendance + credit log, all
 * of them recent), then with years of older history added before it, up to
 * about 100,000 and 1,000,000 rows (older-history.ts). A host's first sync
 * sends the same rows at every size (the 30-day window), so it should take
 * the same time; so should a pull with nothing new. At each size SQLite's
 * plans of those pulls and of a check-in are read too: they should walk no
 * history, scan no table, and be the same plans.
 */
export const historyBench: Bench = {
  name: 'pull-history',
  async run() {
    const sizes = [SMALL, MIDDLE, LARGE].filter((rows, i, all) => all.indexOf(rows) === i);
    const measured = [];
    for (const rows of sizes) measured.push({ name: label(rows), ...(await measure(rows)) });
    const figures: Record<string, number> = {};
    for (const m of measured) {
      const key = `pull.history.rows${m.name}`;
      figures[`${key}.historyRows`] = m.historyRows;
      figures[`${key}.pulledRows`] = m.pulledRows;
      figures[`${key}.initialMs.p50`] = round(m.initialP50);
      figures[`${key}.upToDateMs.p50`] = round(m.upToDateP50);
      figures[`${key}.seedMs`] = m.seedMs;
      figures[`${key}.plans.historyWalks`] = m.plans.historyWalks;
      figures[`${key}.plans.fullScans`] = m.plans.fullScans;
      figures[`${key}.plans.readsChecked`] = m.plans.reads;
    }
    const small = measured[0]!;
    for (const m of measured.slice(1)) {
      figures[`pull.history.ratio${m.name}To${small.name}`] = round(
        m.initialP50 / small.initialP50,
      );
    }
    // The target holds at every size: the slowest.
    figures['pull.history.upToDateP50Ms'] = round(Math.max(...measured.map((m) => m.upToDateP50)));
    // 1 when SQLite plans every pull query the same way at every size: no plan that only
    // turns bad once the history is large.
    const steps = measured.map((m) => [...m.plans.steps].sort().join('\n'));
    figures['pull.history.plansAlike'] = steps.every((s) => s === steps[0]) ? 1 : 0;
    return figures;
  },
};

async function measure(historyRows: number) {
  const server = await startTestServer();
  try {
    const recentRowsAbout = SMALL;
    const oldSessions = Math.max(
      0,
      Math.round((historyRows - recentRowsAbout) / (2 * ATTENDEES_PER_OLD_SESSION)),
    );
    const built = await buildHistoryClub(server, {
      members: MEMBERS,
      historyDays: RECENT_DAYS,
      aheadDays: AHEAD_DAYS,
      older: seedOlderHistory(server.deps.config.dataDir, oldSessions),
    });
    const target: PullTarget = {
      url: server.localUrl,
      clubId: built.clubId,
      cookie: cookieOf(built.host.client.cookies),
    };
    // Warm-up: the first pulls after building also fill caches a running server has.
    let first = await pullAll(target, 'gzip');
    first = await pullAll(target, 'gzip');
    const initial: number[] = [];
    for (let i = 0; i < INITIAL_RUNS; i += 1) initial.push((await pullAll(target, 'gzip')).ms);
    const initialSteps = await stepsOf(server, () => pullAll(target, 'gzip'));
    const upToDateSteps = await stepsOf(server, () => pullPage(target, 'gzip', first.cursor));
    const upToDate: number[] = [];
    for (let i = 0; i < UP_TO_DATE_RUNS; i += 1) {
      const started = performance.now();
      await pullPage(target, 'gzip', first.cursor);
      upToDate.push(performance.now() - started);
    }
    // A check-in charged to a pass, last (it moves the club past `first.cursor`).
    const desk = new Device(built.host.client, built.clubId, 'Front desk');
    const pushSteps = await stepsOf(server, async () => {
      const result = await desk.send('checkin.create', {
        sessionId: built.openSessionId,
        memberId: built.memberIds[0]!,
      });
      if (result.status !== 'applied') throw new Error(`check-in ${result.status}`);
    });
    return {
      historyRows: built.attendance + built.creditLog + (built.older?.rows ?? 0),
      pulledRows: first.rows,
      initialP50: percentile(initial, 50),
      upToDateP50: percentile(upToDate, 50),
      seedMs: built.ms,
      plans: {
        // Both 0 at every size: a first sync finds rows through its window, and neither
        // an up-to-date pull nor a check-in reads a whole table.
        historyWalks: initialSteps.filter((s) => walksHistory(s.step)).length,
        fullScans: [...upToDateSteps, ...pushSteps].filter((s) => isFullScan(s.step)).length,
        steps: new Set([...initialSteps, ...upToDateSteps, ...pushSteps].map((s) => s.step)),
        reads: new Set([...initialSteps, ...upToDateSteps, ...pushSteps].map((s) => s.q)).size,
      },
    };
  } finally {
    await server.close();
    // A million rows take about 700 MB: do not leave them in /tmp.
    fs.rmSync(server.deps.config.dataDir, { recursive: true, force: true });
  }
}

/** Every step of SQLite's plans of the reads `call` makes on the server, with its real rows. */
async function stepsOf(server: TestServer, call: () => Promise<unknown>) {
  const st = statementsOf(server.deps.db) as SqliteStatements;
  const { queries } = await recordQueries(st, call);
  if (process.env.HISTORY_SHOW_PLANS) console.log(readSteps(server.sqlite, queries));
  return readSteps(server.sqlite, queries);
}

const round = (n: number) => Math.round(n * 1000) / 1000;

function label(rows: number): string {
  return rows >= 1_000_000 ? `${rows / 1_000_000}M` : `${rows / 1000}k`;
}
