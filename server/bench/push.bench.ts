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
    for (let i = 0; i < ROUNDS; i += 1) {
      const { perSecond } = await measureServer(batch, total);
      const floorPerSecond = await measureFloor(batch, total);
      turnout.push(perSecond);
      floor.push(floorPerSecond);
      ratios.push(perSecond / floorPerSecond);
    }
    figures[`push.batch${batch}.perSecond`] = round(median(turnout));
    figures[`push.batch${batch}.floorPerSecond`] = round(median(floor));
    figures[`push.batch${batch}.ratioToFloor`] = Math.round(median(ratios) * 1000) / 1000;
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

/** The same row writes with nothing but better-sqlite3 (the floor). */
async function measureFloor(batch: number, total: number) {
  const server = await startTestServer();
  const dbFile = `${server.deps.config.dataDir}/turnout.db`;
  await server.close();
  const sqlite = new SQLite(dbFile);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  try {
    const now = new Date().toISOString();
    const run = (sql: string, ...params: unknown[]) => sqlite.prepare(sql).run(...params);
    run(`INSERT INTO clubs (id, name, timezone, created_at) VALUES ('c', 'Floor', 'UTC', ?)`, now);
    run(
      `INSERT INTO users (id, email, name, password_hash, created_at) VALUES ('u', 'u@x', 'U', 'x', ?)`,
      now,
    );
    run(
      `INSERT INTO pass_templates (id, club_id, names, sessions, price_minor, currency, validity_days, version)
       VALUES ('t', 'c', '{}', 100, 0, 'EUR', 365, 1)`,
    );
    const sessions = Math.ceil(total / MEMBERS);
    for (let s = 0; s < sessions; s++) {
      run(
        `INSERT INTO sessions (id, club_id, title, starts_at, ends_at, version) VALUES (?, 'c', 'S', ?, ?, 1)`,
        `s${s}`,
        now,
        new Date(Date.now() + 3_600_000).toISOString(),
      );
    }
    for (let m = 0; m < MEMBERS; m++) {
      run(
        `INSERT INTO users (id, email, name, password_hash, created_at) VALUES (?, ?, 'M', 'x', ?)`,
        `u${m}`,
        `u${m}@x`,
        now,
      );
      run(
        `INSERT INTO memberships (id, club_id, user_id, role, created_at) VALUES (?, 'c', ?, 'member', ?)`,
        `m${m}`,
        `u${m}`,
        now,
      );
      run(
        `INSERT INTO passes (id, club_id, member_id, template_id, terms, granted_on, granted_at, expires_on, version)
         VALUES (?, 'c', ?, 't', '{}', '2026-01-01', ?, '2099-01-01', 1)`,
        `p${m}`,
        `m${m}`,
        now,
      );
      run(
        `INSERT INTO credit_log (id, club_id, pass_id, member_id, delta, kind, balance_after, by_member_id, at, version)
         VALUES (?, 'c', ?, ?, 100, 'granted', 100, 'm0', ?, 1)`,
        `g${m}`,
        `p${m}`,
        `m${m}`,
        now,
      );
    }
    const balance = sqlite.prepare(`SELECT balance FROM passes WHERE id = ?`);
    const attendance = sqlite.prepare(
      `INSERT INTO attendance (id, club_id, session_id, member_id, credits, charges, checked_in_at, updated_at, by_member_id, version)
       VALUES (?, 'c', ?, ?, 1, ?, ?, ?, 'm0', 2)`,
    );
    const log = sqlite.prepare(
      `INSERT INTO credit_log (id, club_id, pass_id, member_id, delta, kind, balance_after, attendance_id, session_id, by_member_id, at, version)
       VALUES (?, 'c', ?, ?, -1, 'charged_checkin', ?, ?, ?, 'm0', ?, 2)`,
    );
    const mutationLog = sqlite.prepare(
      `INSERT INTO mutation_log (id, club_id, client_id, seq, user_id, member_id, name, args, occurred_at, judged_at, received_at, status, server_version)
       VALUES (?, 'c', 'dev', ?, 'u', 'm0', 'checkin.create', ?, ?, ?, ?, 'applied', 2)`,
    );
    const writeBatch = sqlite.transaction((items: { s: number; m: number; seq: number }[]) => {
      for (const { s, m, seq } of items) {
        const id = v7();
        const pass = `p${m}`;
        const after = (balance.get(pass) as { balance: number }).balance - 1;
        attendance.run(
          id,
          `s${s}`,
          `m${m}`,
          JSON.stringify([{ passId: pass, credits: 1 }]),
          now,
          now,
        );
        log.run(v7(), pass, `m${m}`, after, id, `s${s}`, now);
        mutationLog.run(
          id,
          seq,
          JSON.stringify({ sessionId: `s${s}`, memberId: `m${m}` }),
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
