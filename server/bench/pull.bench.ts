import http from 'node:http';
import zlib from 'node:zlib';
import type { Attendance, NewCreditLogEntry, PullOutput, Session, Signup } from '@turnout/shared';
import { hashPassword } from '../src/auth/password.js';
import { newId } from '../src/ids.js';
import { insertMembership } from '../src/repositories/memberships.repository.js';
import { insertUser } from '../src/repositories/users.repository.js';
import {
  aGrant,
  anAttendance,
  aSession,
  aSignup,
  aTemplate,
  writeChange,
} from '../src/sync/pull.builders.js';
import { addMember, setUpClub, startTestServer, type TestServer } from '../src/test/harness.js';
import { percentile, type Bench } from './bench.js';

const MEMBERS = 1000;
const HISTORY_DAYS = 90;
const AHEAD_DAYS = 14;
const CLASSES_PER_DAY = 5;
const CHECKINS_PER_CLASS = 33;
const SIGNUPS_PER_UPCOMING_CLASS = 15;
const RUNS = 9;

const dayMs = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

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
      const built = await buildClub(server);
      const host = built.host;
      const cookie = [...host.client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

      const bytes: Record<string, number> = {};
      let pages = 0;
      let rows = 0;
      for (const encoding of ['identity', 'gzip', 'br'] as const) {
        const result = await pullAll(server, built.clubId, cookie, encoding);
        bytes[encoding] = result.bytes;
        pages = result.pages;
        rows = result.rows;
      }
      const times: number[] = [];
      const pageTimes: number[] = [];
      for (let i = 0; i < RUNS; i += 1) {
        const result = await pullAll(server, built.clubId, cookie, 'gzip');
        times.push(result.ms);
        pageTimes.push(...result.pageMs);
      }
      // The pull of a device that is up to date: the common case while online.
      const quiet: number[] = [];
      const synced = await pullAll(server, built.clubId, cookie, 'gzip');
      for (let i = 0; i < RUNS; i += 1) {
        const started = performance.now();
        await get(server, built.clubId, cookie, 'gzip', synced.cursor);
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

async function buildClub(server: TestServer) {
  const started = performance.now();
  const db = server.deps.db;
  const club = await setUpClub(server, 'Bench Club');
  const host = await addMember(server, club, 'host', 'host@bench.test');
  const now = Date.now();
  const passwordHash = await hashPassword('not used for logging in', 2 ** 10);
  const members: string[] = [];
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < MEMBERS; i += 1) {
      const userId = newId();
      const memberId = newId();
      await insertUser(trx, {
        id: userId,
        name: `Member ${String(i).padStart(4, '0')}`,
        email: `member${i}@bench.test`,
        password_hash: passwordHash,
        created_at: iso(now - 120 * dayMs),
      });
      await insertMembership(trx, {
        id: memberId,
        clubId: club.clubId,
        userId,
        role: 'member',
        createdAt: iso(now - 120 * dayMs),
      });
      members.push(memberId);
    }
  });

  // One pass per member, enough for the whole period.
  const template = aTemplate({ sessions: 60, validityDays: 150 });
  const grants = members.map((m) =>
    aGrant(template, m, iso(now - (HISTORY_DAYS + 5) * dayMs), club.ownerMemberId),
  );
  await writeChange(db, club.clubId, {
    templates: [template],
    passes: grants.map((g) => g.pass),
    creditLog: grants.map((g) => g.entry),
  });
  const balances = new Map(
    grants.map((g) => [g.pass.memberId, { passId: g.pass.id, balance: 60 }]),
  );

  let sessions = 0;
  let attendanceCount = 0;
  let creditLog = grants.length;
  let cursor = 0;
  const hostId = host.memberId;
  for (let day = -HISTORY_DAYS; day < AHEAD_DAYS; day += 1) {
    const daySessions: Session[] = [];
    const attendance: Attendance[] = [];
    const signups: Signup[] = [];
    const log: NewCreditLogEntry[] = [];
    for (let c = 0; c < CLASSES_PER_DAY; c += 1) {
      const startsAt = now + day * dayMs + (c * 3 - 6) * 3_600_000;
      const session = aSession({
        title: ['Morning Yoga', 'Strength', 'Evening Flow', 'Open Mat', 'Mobility'][c]!,
        startsAt: iso(startsAt),
        endsAt: iso(startsAt + 3_600_000),
        capacity: 40,
      });
      daySessions.push(session);
      const past = startsAt + 3_600_000 < now;
      const count = past ? CHECKINS_PER_CLASS : SIGNUPS_PER_UPCOMING_CLASS;
      for (let k = 0; k < count; k += 1) {
        const memberId = members[cursor % MEMBERS]!;
        cursor += 1;
        if (!past) {
          signups.push(
            aSignup({
              sessionId: session.id,
              memberId,
              createdAt: iso(now - dayMs),
              updatedAt: iso(now - dayMs),
            }),
          );
          continue;
        }
        const pass = balances.get(memberId)!;
        const record = anAttendance({
          sessionId: session.id,
          memberId,
          byMemberId: hostId,
          charges: [{ passId: pass.passId, credits: 1 }],
          checkedInAt: iso(startsAt - 300_000),
          updatedAt: iso(startsAt - 300_000),
        });
        attendance.push(record);
        pass.balance -= 1;
        log.push({
          passId: pass.passId,
          memberId,
          delta: -1,
          kind: 'charged_checkin',
          balanceAfter: pass.balance,
          expiresOnAfter: null,
          sessionId: session.id,
          signupId: null,
          attendanceId: record.id,
          reason: null,
          byMemberId: hostId,
          at: record.checkedInAt,
        });
      }
    }
    await writeChange(db, club.clubId, {
      sessions: daySessions,
      attendance,
      signups,
      creditLog: log,
    });
    sessions += daySessions.length;
    attendanceCount += attendance.length;
    creditLog += log.length;
  }
  return {
    clubId: club.clubId,
    host,
    sessions,
    attendance: attendanceCount,
    creditLog,
    ms: Math.round(performance.now() - started),
  };
}

type Encoding = 'identity' | 'gzip' | 'br';

/** One raw GET of sync.pull: the bytes as sent, decoded afterwards. */
function get(
  server: TestServer,
  clubId: string,
  cookie: string,
  encoding: Encoding,
  cursor?: string,
) {
  const input = encodeURIComponent(JSON.stringify({ clubId, cursor }));
  return new Promise<{ out: PullOutput; bytes: number }>((resolve, reject) => {
    http
      .get(
        `${server.localUrl}/trpc/sync.pull?input=${input}`,
        { headers: { cookie, 'accept-encoding': encoding } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const raw = Buffer.concat(chunks);
            const body =
              res.headers['content-encoding'] === 'br'
                ? zlib.brotliDecompressSync(raw)
                : res.headers['content-encoding'] === 'gzip'
                  ? zlib.gunzipSync(raw)
                  : raw;
            const json = JSON.parse(body.toString()) as { result?: { data: PullOutput } };
            if (!json.result) return reject(new Error(body.toString().slice(0, 300)));
            resolve({ out: json.result.data, bytes: raw.length });
          });
        },
      )
      .on('error', reject);
  });
}

async function pullAll(server: TestServer, clubId: string, cookie: string, encoding: Encoding) {
  let cursor: string | undefined;
  let bytes = 0;
  let rows = 0;
  let pages = 0;
  const pageMs: number[] = [];
  const started = performance.now();
  for (;;) {
    const pageStarted = performance.now();
    const { out, bytes: n } = await get(server, clubId, cookie, encoding, cursor);
    pageMs.push(performance.now() - pageStarted);
    bytes += n;
    pages += 1;
    rows += Object.values(out.changes).reduce((sum, c) => sum + c.put.length + c.del.length, 0);
    cursor = out.cursor;
    if (!out.hasMore) break;
  }
  return { ms: performance.now() - started, pageMs, bytes, rows, pages, cursor };
}
