import { startTestServer } from '../src/test/harness.js';
import { percentile, type Bench } from './bench.js';
import { buildHistoryClub } from './history-club.js';
import { cookieOf, pullAll, pullPage, type PullTarget } from './pull-http.js';

const MEMBERS = 1000;
const HISTORY_DAYS = 90;
const AHEAD_DAYS = 14;
const RUNS = 9;

/**
 * A club with 1,000 members and 90 days of history, written straight through
 * writeEffects (one change per day, in big transactions), then the initial
 * pull of a host over real HTTP: time for all pages, and bytes on the wire.
 */
export const pullBench: Bench = {
  name: 'pull',
  async run() {
    const server = await startTestServer();
    try {
      const built = await buildHistoryClub(server, {
        members: MEMBERS,
        historyDays: HISTORY_DAYS,
        aheadDays: AHEAD_DAYS,
      });
      const target: PullTarget = {
        url: server.localUrl,
        clubId: built.clubId,
        cookie: cookieOf(built.host.client.cookies),
      };

      const bytes: Record<string, number> = {};
      let pages = 0;
      let rows = 0;
      for (const encoding of ['identity', 'gzip', 'br'] as const) {
        const result = await pullAll(target, encoding);
        bytes[encoding] = result.bytes;
        pages = result.pages;
        rows = result.rows;
      }
      const times: number[] = [];
      const pageTimes: number[] = [];
      for (let i = 0; i < RUNS; i += 1) {
        const result = await pullAll(target, 'gzip');
        times.push(result.ms);
        pageTimes.push(...result.pageMs);
      }
      // The pull of a device that is up to date: the common case while online.
      const quiet: number[] = [];
      const synced = await pullAll(target, 'gzip');
      for (let i = 0; i < RUNS; i += 1) {
        const started = performance.now();
        await pullPage(target, 'gzip', synced.cursor);
        quiet.push(performance.now() - started);
      }
      return {
        'pull.host.initial.serverMs.p50': percentile(times, 50),
        'pull.host.initial.serverMs.p95': percentile(times, 95),
        'pull.host.initial.pageMs.p95': percentile(pageTimes, 95),
        'pull.host.initial.pages': pages,
        'pull.host.initial.rows': rows,
        'pull.host.initial.bytes.identity': bytes.identity!,
        'pull.host.initial.bytes.gzip': bytes.gzip!,
        'pull.host.initial.bytes.br': bytes.br!,
        'pull.host.upToDate.serverMs.p50': percentile(quiet, 50),
        'pull.data.members': MEMBERS,
        'pull.data.sessions': built.sessions,
        'pull.data.attendance': built.attendance,
        'pull.data.creditLog': built.creditLog,
        'pull.data.buildMs': built.ms,
      };
    } finally {
      await server.close();
    }
  },
};
