import fs from 'node:fs';
import os from 'node:os';
import { startTestServer } from '../src/test/harness.js';
import { percentile, type Bench } from './bench.js';
import { buildHistoryClub } from './history-club.js';
import { measurePgFloor } from './pg-floor.js';
import { BATCH, measureOneServer, measureServers, type PushShape } from './pg-push.js';
import { PgBed } from './pg-servers.js';
import { cookieOf, pullAll, type PullTarget } from './pull-http.js';

/**
 * Turnout on PostgreSQL (a throwaway cluster on loopback; app servers are
 * `src/cli.ts serve` processes, pg-servers.ts):
 *
 * - push: a host device pushing 5,000 check-ins in batches of 500 to one app
 *   server on a fresh database, and next to it, back to back, the floor (raw
 *   `pg` doing the same row writes, pg-floor.ts); then three servers on one
 *   fresh database with host devices pushing at once through different
 *   servers, on one club and on ten clubs (new clubs each round). Every
 *   write takes the cluster-wide write lock: one writer at a time across the
 *   servers.
 * - pull: the initial pull of a host of the pull bench's 1,000-member club,
 *   from an in-process server on PostgreSQL.
 *
 * The machine is shared: rounds stop early when the bench has run long (the
 * figures say how many ran), and its load average at the start is recorded.
 * PG_BENCH_QUICK=1: one round and fewer pulls, to try the bench out.
 */
export const pgBench: Bench = { name: 'pg', run: benchPg };

const QUICK = !!process.env.PG_BENCH_QUICK;
/** Rounds of the one server against the floor, and of the three-server shapes, at most… */
const ROUNDS = QUICK ? 1 : 3;
const ROUNDS_THREE = QUICK ? 1 : 2;
/** …and no new round after this long (from the start of the bench): one round always runs. */
const ROUNDS_UNTIL_MS = 150_000;
const ROUNDS_THREE_UNTIL_MS = 270_000;
const PULL_RUNS = QUICK ? 3 : 9;

const MEMBERS = 500;
const TOTAL = 5000;

/** One host device pushing 5,000 check-ins. */
const oneDevice: PushShape = { clubs: 1, devices: 1, members: MEMBERS, perDevice: TOTAL };
/** One club, three host devices (each on another server), 1,000 check-ins each. */
const oneClub: PushShape = { clubs: 1, devices: 3, members: MEMBERS, perDevice: 2 * BATCH };
/** Ten clubs, one host device each (spread over the servers), 500 check-ins each. */
const tenClubs: PushShape = { clubs: 10, devices: 1, members: 100, perDevice: BATCH };

async function benchPg(): Promise<Record<string, number>> {
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  const load = os.loadavg()[0]!;
  const bed = await PgBed.start();
  // Interrupted (Ctrl-C): the cluster and the server processes go too.
  const interrupted = () => void bed.stop().finally(() => process.exit(130));
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    // Turnout and the floor back to back, a few times (the machine is shared
    // and noisy): each ratio compares runs made moments apart; medians reported.
    const turnout: number[] = [];
    const floor: number[] = [];
    const ratios: number[] = [];
    for (let i = 0; i < ROUNDS && (i === 0 || elapsed() < ROUNDS_UNTIL_MS); i += 1) {
      const perSecond = await timed(`round ${i + 1}: one server`, () =>
        measureOneServer(bed, oneDevice),
      );
      const database = await bed.database();
      let floorPerSecond: number;
      try {
        floorPerSecond = await timed(`round ${i + 1}: floor`, () =>
          measurePgFloor(database.url, { members: MEMBERS, batch: BATCH, total: TOTAL }),
        );
      } finally {
        await database.drop();
      }
      turnout.push(perSecond);
      floor.push(floorPerSecond);
      ratios.push(perSecond / floorPerSecond);
    }
    const names = ['one club', 'ten clubs'];
    const [sameClub, clubs10] = await measureServers(
      bed,
      3,
      [oneClub, tenClubs],
      (round) => round < ROUNDS_THREE && (round === 0 || elapsed() < ROUNDS_THREE_UNTIL_MS),
      (shape, round, perSecond) =>
        console.log(
          `  … round ${round + 1}: three servers, ${names[shape]}: ${Math.round(perSecond)} check-ins/s`,
        ),
    );
    const pull = await measurePull(bed);
    console.log(`  … ${(elapsed() / 1000).toFixed(0)} s in all`);
    return {
      'pg.push.batch500.servers1.perSecond': Math.round(median(turnout)),
      'pg.push.batch500.servers3.perSecond': Math.round(median(sameClub!)),
      'pg.push.batch500.servers3.clubs10.perSecond': Math.round(median(clubs10!)),
      'pg.push.batch500.floorPerSecond': Math.round(median(floor)),
      'pg.push.batch500.ratioToFloor': Math.round(median(ratios) * 1000) / 1000,
      'pg.push.rounds': turnout.length,
      'pg.push.servers3.rounds': sameClub!.length,
      ...pull,
      'pg.machineLoadAverage': Math.round(load * 10) / 10,
    };
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    await bed.stop();
  }
}

/** The middle value; of two, their mean (the three-server shapes may run twice). */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs one measurement and says how it went (the bench takes minutes). */
async function timed(what: string, measure: () => Promise<number>): Promise<number> {
  const started = performance.now();
  const perSecond = await measure();
  const seconds = (performance.now() - started) / 1000;
  console.log(`  … ${what}: ${Math.round(perSecond)} check-ins/s (${seconds.toFixed(1)} s in all)`);
  return perSecond;
}

/** The pull bench's club (pull.bench.ts) on PostgreSQL: a host's first sync over HTTP. */
async function measurePull(bed: PgBed): Promise<Record<string, number>> {
  const database = await bed.database();
  try {
    const server = await startTestServer({ config: { databaseUrl: database.url } });
    try {
      const built = await buildHistoryClub(server, {
        members: 1000,
        historyDays: 90,
        aheadDays: 14,
      });
      const target: PullTarget = {
        url: server.localUrl,
        clubId: built.clubId,
        cookie: cookieOf(built.host.client.cookies),
      };
      const first = await pullAll(target, 'gzip');
      const times: number[] = [];
      for (let i = 0; i < PULL_RUNS; i += 1) times.push((await pullAll(target, 'gzip')).ms);
      return {
        'pg.pull.host.initial.serverMs.p50': Math.round(percentile(times, 50) * 10) / 10,
        'pg.pull.host.initial.serverMs.p95': Math.round(percentile(times, 95) * 10) / 10,
        'pg.pull.host.initial.rows': first.rows,
        'pg.pull.data.buildMs': built.ms,
      };
    } finally {
      await server.close();
      fs.rmSync(server.deps.config.dataDir, { recursive: true, force: true });
    }
  } finally {
    await database.drop();
  }
}
