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
const INITIAL_RUNS = 15;
const UP_TO_DATE_RUNS = 31;

/**
 * Does a pull cost what it sends, or what the club has ever done? The same
 * 1,000-member club (24 recent days, 14 ahead) three times, each on a
 * server of its own, all three up at once: once with about 10,000 history rows (attendance + credit log, all
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
    const clubs: HistoryClub[] = [];
    try {
      for (const rows of sizes) clubs.push(await openClub(rows));
      // Interleaved, a pull of each size in turn: whatever the machine does meanwhile
      // touches every size alike, and the ratios compare pulls made moments apart.
      for (let i = 0; i < INITIAL_RUNS; i += 1) {
        for (const c of clubs) c.initial.push((await pullAll(c.target, 'gzip')).ms);
      }
      for (let i = 0; i < UP_TO_DATE_RUNS; i += 1) {
        for (const c of clubs) {
          const started = performance.now();
          await pullPage(c.target, 'gzip', c.cursor);
          c.upToDate.push(performance.now() - started);
        }
      }
      if (process.env.HISTORY_SHOW_TIMES) {
        for (const c of clubs) console.log(c.name, c.initial.map(Math.round).join(' '));
      }
      const figures: Record<string, number> = {};
      const plans = [];
      for (const c of clubs) {
        const plan = await planPullsAndCheckIn(c);
        plans.push(plan);
        const key = `pull.history.rows${c.name}`;
        figures[`${key}.historyRows`] = c.historyRows;
        figures[`${key}.pulledRows`] = c.pulledRows;
        figures[`${key}.initialMs.p50`] = round(percentile(c.initial, 50));
        figures[`${key}.upToDateMs.p50`] = round(percentile(c.upToDate, 50));
        figures[`${key}.seedMs`] = c.seedMs;
        figures[`${key}.plans.historyWalks`] = plan.historyWalks;
        figures[`${key}.plans.fullScans`] = plan.fullScans;
        figures[`${key}.plans.readsChecked`] = plan.reads;
      }
      const small = clubs[0]!;
      const initialP50 = (c: HistoryClub) => percentile(c.initial, 50);
      for (const c of clubs.slice(1)) {
        figures[`pull.history.ratio${c.name}To${small.name}`] = round(
          initialP50(c) / initialP50(small),
        );
      }
      // The target holds at every size: the slowest.
      figures['pull.history.upToDateP50Ms'] = round(
        Math.max(...clubs.map((c) => percentile(c.upToDate, 50))),
      );
      // 1 when SQLite plans every query the same way at every size: no plan that only
      // turns bad once the history is large.
      const steps = plans.map((p) => [...p.steps].sort().join('\n'));
      figures['pull.history.plansAlike'] = steps.every((s) => s === steps[0]) ? 1 : 0;
      return figures;
    } finally {
      for (const c of clubs) {
        await c.server.close();
        // A million rows take about 700 MB: do not leave them in /tmp.
        fs.rmSync(c.server.deps.config.dataDir, { recursive: true, force: true });
      }
    }
  },
};

type HistoryClub = Awaited<ReturnType<typeof openClub>>;

/** A server with the club at `historyRows`, warmed up; the cursor of an up-to-date host. */
async function openClub(historyRows: number) {
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
    await pullAll(target, 'gzip');
    const first = await pullAll(target, 'gzip');
    return {
      name: label(historyRows),
      server,
      built,
      target,
      cursor: first.cursor,
      historyRows: built.attendance + built.creditLog + (built.older?.rows ?? 0),
      pulledRows: first.rows,
      seedMs: built.ms,
      initial: [] as number[],
      upToDate: [] as number[],
    };
  } catch (error) {
    await server.close();
    fs.rmSync(server.deps.config.dataDir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * SQLite's plans, on this club's rows, of a host's first sync, an
 * up-to-date pull and a check-in charged to a pass (last: it moves the club
 * past the up-to-date cursor).
 */
async function planPullsAndCheckIn(c: HistoryClub) {
  const initialSteps = await stepsOf(c.server, () => pullAll(c.target, 'gzip'));
  const upToDateSteps = await stepsOf(c.server, () => pullPage(c.target, 'gzip', c.cursor));
  const desk = new Device(c.built.host.client, c.built.clubId, 'Front desk');
  const pushSteps = await stepsOf(c.server, async () => {
    const result = await desk.send('checkin.create', {
      sessionId: c.built.openSessionId,
      memberId: c.built.memberIds[0]!,
    });
    if (result.status !== 'applied') throw new Error(`check-in ${result.status}`);
  });
  const all = [...initialSteps, ...upToDateSteps, ...pushSteps];
  return {
    // Both 0 at every size: a first sync finds rows through its window, and neither
    // an up-to-date pull nor a check-in reads a whole table.
    historyWalks: initialSteps.filter((s) => walksHistory(s.step)).length,
    fullScans: [...upToDateSteps, ...pushSteps].filter((s) => isFullScan(s.step)).length,
    steps: new Set(all.map((s) => s.step)),
    reads: new Set(all.map((s) => s.q)).size,
  };
}

/** Every step of SQLite's plans of the reads `call` makes on the server, with its real rows. */
async function stepsOf(server: TestServer, call: () => Promise<unknown>) {
  const st = statementsOf(server.deps.db) as SqliteStatements;
  const { queries } = await recordQueries(st, call);
  const steps = readSteps(server.sqlite, queries);
  if (process.env.HISTORY_SHOW_PLANS) console.log(steps);
  return steps;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

function label(rows: number): string {
  return rows >= 1_000_000 ? `${rows / 1_000_000}M` : `${rows / 1000}k`;
}
