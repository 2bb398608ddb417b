import SQLite from 'better-sqlite3';
import { v7 } from 'uuid';
import { buildClub } from '../src/test/builders.js';
import { Device } from '../src/test/devices.js';
import { PASSWORD, startTestServer } from '../src/test/harness.js';
import { percentile, type Bench } from './bench.js';

/**
 * Push throughput over real HTTP: a host's device sends check-ins in batches
 * of 1, 100 and 500 to a real server on a real SQLite file. Next to it, in
 * the same run, the "floor": better-sqlite3 alone doing the same row writes
 * (attendance, credit log with its balance trigger, mutation log) in one
 * transaction per batch with prepared statements — what the disk and SQLite
 * allow before any rule, validation, HTTP or JSON.
 */
export const pushBench: Bench = { name: 'push', run: benchPush };

export async function benchPush(): Promise<Record<string, number>> {
  const figures: Record<string, number> = {};
  const plan = [
    { batch: 1, total: 300 },
    { batch: 100, total: 3000 },
    { batch: 500, total: 5000 },
  ];
  for (const { batch, total } of plan) {
    // Turnout and the floor back to back, a few times: the machine is shared
    // and noisy, so each ratio compares runs made moments apart, and the
    // medians are reported.
    const turnout: number[] = [];
    const floor: number[] = [];
    const ratios: number[] = [];
    const turnoutIdsFloor: number[] = [];
    for (let i = 0; i < ROUNDS; i += 1) {
      const { perSecond } = await measureServer(batch, total);
      const floorPerSecond = await measureFloor(batch, total);
      turnout.push(perSecond);
      floor.push(floorPerSecond);
      ratios.push(perSecond / floorPerSecond);
      if (batch === 500) turnoutIdsFloor.push(perSecond / (await measureFloor(batch, total, true)));
    }
    figures[`push.batch${batch}.perSecond`] = round(median(turnout));
    figures[`push.batch${batch}.floorPerSecond`] = round(median(floor));
    figures[`push.batch${batch}.ratioToFloor`] = Math.round(median(ratios) * 1000) / 1000;
    if (turnoutIdsFloor.length > 0) {
      // Informational: the same floor writing UUID keys as Turnout does (not the target's floor).
      figures[`push.batch${batch}.ratioToFloorWithTurnoutIds`] =
        Math.round(median(turnoutIdsFloor) * 1000) / 1000;
    }
  }
  return figures;
}

const ROUNDS = 3;
const median = (values: number[]) => percentile(values, 50);
const round = (n: number) => Math.round(n);

const MEMBERS = 500;

async function measureServer(batch: number, total: number) {
  const server = await startTestServer();
  try {
    const club = await buildClub(server.deps, {
      members: MEMBERS,
      sessions: Math.ceil(total / MEMBERS),
      passSessions: 100,
      password: PASSWORD,
    });
    const host = server.client();
    await host.api.auth.login.mutate({ email: club.ownerEmail, password: PASSWORD });
    const device = new Device(host, club.clubId, 'Bench desk');
    const pairs = club.sessionIds.flatMap((sessionId) =>
      club.memberIds.map((memberId) => ({ sessionId, memberId })),
    );
    const started = performance.now();
    for (let sent = 0; sent < total; sent += batch) {
      device.outbox.length = 0;
      for (const { sessionId, memberId } of pairs.slice(sent, Math.min(sent + batch, total))) {
        device.queue('checkin.create', { sessionId, memberId });
      }
      const results = await device.sync();
      const refused = results.find((r) => r.status !== 'applied');
      if (refused) throw new Error(`bench check-in refused: ${refused.code} ${refused.message}`);
    }
    const seconds = (performance.now() - started) / 1000;
    return { perSecond: total / seconds };
  } finally {
    await server.close();
  }
}

/**
 * The same row writes with nothing but better-sqlite3 (the floor). Its ids
 * are short ('c', 'm0', 's0', …) unless `turnoutIds`: then they are UUIDs
 * like Turnout's, which make every index entry of these rows about ten times
 * wider — an informational second floor, to tell the cost of the row shape
 * from the cost of everything Turnout does around the writes.
 */
async function measureFloor(batch: number, total: number, turnoutIds = false) {
  const server = await startTestServer();
  const dbFile = `${server.deps.config.dataDir}/turnout.db`;
  await server.close();
  const sqlite = new SQLite(dbFile);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  const uuids = new Map<string, string>();
  const id = (short: string) => {
    if (!turnoutIds) return short;
    let uuid = uuids.get(short);
    if (!uuid) uuids.set(short, (uuid = v7()));
    return uuid;
  };
  const [c, u, t, dev] = [id('c'), id('u'), id('t'), id('dev')];
  try {
    const now = new Date().toISOString();
    const run = (sql: string, ...params: unknown[]) => sqlite.prepare(sql).run(...params);
    run(`INSERT INTO clubs (id, name, timezone, created_at) VALUES (?, 'Floor', 'UTC', ?)`, c, now);
    run(
      `INSERT INTO users (id, email, name, password_hash, created_at) VALUES (?, 'u@x', 'U', 'x', ?)`,
      u,
      now,
    );
    run(
      `INSERT INTO pass_templates (id, club_id, names, sessions, price_minor, currency, validity_days, version)
       VALUES (?, ?, '{}', 100, 0, 'EUR', 365, 1)`,
      t,
      c,
    );
    const sessions = Math.ceil(total / MEMBERS);
    for (let s = 0; s < sessions; s++) {
      run(
        `INSERT INTO sessions (id, club_id, title, starts_at, ends_at, version) VALUES (?, ?, 'S', ?, ?, 1)`,
        id(`s${s}`),
        c,
        now,
        new Date(Date.now() + 3_600_000).toISOString(),
      );
    }
    for (let m = 0; m < MEMBERS; m++) {
      run(
        `INSERT INTO users (id, email, name, password_hash, created_at) VALUES (?, ?, 'M', 'x', ?)`,
        id(`u${m}`),
        `u${m}@x`,
        now,
      );
      run(
        `INSERT INTO memberships (id, club_id, user_id, role, created_at) VALUES (?, ?, ?, 'member', ?)`,
        id(`m${m}`),
        c,
        id(`u${m}`),
        now,
      );
      run(
        `INSERT INTO passes (id, club_id, member_id, template_id, terms, granted_on, granted_at, expires_on, version)
         VALUES (?, ?, ?, ?, '{}', '2026-01-01', ?, '2099-01-01', 1)`,
        id(`p${m}`),
        c,
        id(`m${m}`),
        t,
        now,
      );
      run(
        `INSERT INTO credit_log (id, club_id, pass_id, member_id, delta, kind, balance_after, by_member_id, at, version)
         VALUES (?, ?, ?, ?, 100, 'granted', 100, ?, ?, 1)`,
        id(`g${m}`),
        c,
        id(`p${m}`),
        id(`m${m}`),
        id('m0'),
        now,
      );
    }
    const balance = sqlite.prepare(`SELECT balance FROM passes WHERE id = ?`);
    const attendance = sqlite.prepare(
      `INSERT INTO attendance (id, club_id, session_id, member_id, credits, charges, checked_in_at, updated_at, by_member_id, version)
       VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, 2)`,
    );
    const log = sqlite.prepare(
      `INSERT INTO credit_log (id, club_id, pass_id, member_id, delta, kind, balance_after, attendance_id, session_id, by_member_id, at, version)
       VALUES (?, ?, ?, ?, -1, 'charged_checkin', ?, ?, ?, ?, ?, 2)`,
    );
    const mutationLog = sqlite.prepare(
      `INSERT INTO mutation_log (id, club_id, client_id, seq, user_id, member_id, name, args, occurred_at, judged_at, received_at, status, server_version)
       VALUES (?, ?, ?, ?, ?, ?, 'checkin.create', ?, ?, ?, ?, 'applied', 2)`,
    );
    const host = id('m0');
    const writeBatch = sqlite.transaction((items: { s: number; m: number; seq: number }[]) => {
      for (const { s, m, seq } of items) {
        const row = v7();
        const [session, member, pass] = [id(`s${s}`), id(`m${m}`), id(`p${m}`)];
        const after = (balance.get(pass) as { balance: number }).balance - 1;
        attendance.run(
          row,
          c,
          session,
          member,
          JSON.stringify([{ passId: pass, credits: 1 }]),
          now,
          now,
          host,
        );
        log.run(v7(), c, pass, member, after, row, session, host, now);
        mutationLog.run(
          row,
          c,
          dev,
          seq,
          u,
          host,
          JSON.stringify({ sessionId: session, memberId: member }),
          now,
          now,
          now,
        );
      }
    });
    const items = Array.from({ length: total }, (_, i) => ({
      s: Math.floor(i / MEMBERS),
      m: i % MEMBERS,
      seq: i,
    }));
    const started = performance.now();
    for (let i = 0; i < total; i += batch) writeBatch(items.slice(i, i + batch));
    return total / ((performance.now() - started) / 1000);
  } finally {
    sqlite.close();
  }
}
