import fs from 'node:fs';
import { startTestServer } from '../src/test/harness.js';
import { percentile, type Bench } from './bench.js';
import { buildHistoryClub } from './history-club.js';
import { ATTENDEES_PER_OLD_SESSION, seedOlderHistory } from './old-history.js';
import { cookieOf, pullAll, pullPage, type PullTarget } from './pull-http.js';

const MEMBERS = 1000;
/** Recent days, all inside the pull's 30-day window: about 10,000 history rows on their own. */
const RECENT_DAYS = 24;
const AHEAD_DAYS = 14;
const SMALL = 10_000;
/** HISTORY_ROWS=100000 measures a smaller large club (e.g. where seeding a million is too slow). */
const LARGE = Number(process.env.HISTORY_ROWS ?? 1_000_000);
const INITIAL_RUNS = 7;
const UP_TO_DATE_RUNS = 31;

/**
 * Does a pull cost what it sends, or what the club has ever done? The same
 * 1,000-member club (24 recent days, 14 ahead) twice, on fresh servers: once
 * with about 10,000 history rows (attendance + credit log, all of them
 * recent) and once with years of older history added before it, up to about
 * 1,000,000 rows (older-history.ts). A host's first sync sends the same rows
 * in both (the 30-day window), so it should take the same time; so should a
 * pull with nothing new.
 */
export const historyBench: Bench = {
  name: 'pull-history',
  async run() {
    const small = await measure(SMALL);
    const large = await measure(LARGE);
    const [s, l] = [label(SMALL), label(LARGE)];
    const figures: Record<string, number> = {};
    for (const [name, m] of [
      [s, small],
      [l, large],
    ] as const) {
      figures[`pull.history.rows${name}.historyRows`] = m.historyRows;
      figures[`pull.history.rows${name}.pulledRows`] = m.pulledRows;
      figures[`pull.history.rows${name}.initialMs.p50`] = round(m.initialP50);
      figures[`pull.history.rows${name}.upToDateMs.p50`] = round(m.upToDateP50);
      figures[`pull.history.rows${name}.seedMs`] = m.seedMs;
    }
    figures[`pull.history.ratio${l}To${s}`] = round(large.initialP50 / small.initialP50);
    // The target holds at both sizes: the slower of the two.
    figures['pull.history.upToDateP50Ms'] = round(Math.max(small.upToDateP50, large.upToDateP50));
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
    const upToDate: number[] = [];
    for (let i = 0; i < UP_TO_DATE_RUNS; i += 1) {
      const started = performance.now();
      await pullPage(target, 'gzip', first.cursor);
      upToDate.push(performance.now() - started);
    }
    return {
      historyRows: built.attendance + built.creditLog + (built.older?.rows ?? 0),
      pulledRows: first.rows,
      initialP50: percentile(initial, 50),
      upToDateP50: percentile(upToDate, 50),
      seedMs: built.ms,
    };
  } finally {
    await server.close();
    // A million rows take about 700 MB: do not leave them in /tmp.
    fs.rmSync(server.deps.config.dataDir, { recursive: true, force: true });
  }
}

const round = (n: number) => Math.round(n * 1000) / 1000;

function label(rows: number): string {
  return rows >= 1_000_000 ? `${rows / 1_000_000}M` : `${rows / 1000}k`;
}
