import type { Attendance, NewCreditLogEntry, Session, Signup } from '@turnout/shared';
import { hashPassword } from '../src/auth/password.js';
import { newId } from '../src/ids.js';
import { insertMembership } from '../src/repositories/memberships.repository.js';
import { insertUser } from '../src/repositories/users.repository.js';
import { aGrant, anAttendance, aSession, aSignup, aTemplate } from '@turnout/shared/testing';
import { writeChange } from '../src/test/builders.js';
import { addMember, setUpClub, type TestServer } from '../src/test/harness.js';

const CLASSES_PER_DAY = 5;
const CHECKINS_PER_CLASS = 33;
const SIGNUPS_PER_UPCOMING_CLASS = 15;

const dayMs = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** What an `older` step gets: the club as built so far, before its recent days. */
export interface ClubSoFar {
  clubId: string;
  memberIds: string[];
  hostMemberId: string;
  now: number;
}

/**
 * A club of the pull benches, written straight through the sync writer (one
 * change per day, in big transactions): `members` members and a host, one
 * pass each, five classes a day for `historyDays` days (33 check-ins each)
 * and `aheadDays` days ahead (15 sign-ups each). `older` runs after the
 * members exist and before anything else, so what it writes has the lowest
 * versions, as history written long ago does.
 */
export async function buildHistoryClub(
  server: TestServer,
  options: {
    members: number;
    historyDays: number;
    aheadDays: number;
    older?: (club: ClubSoFar) => Promise<{ rows: number; ms: number }>;
  },
) {
  const { members: memberCount, historyDays, aheadDays } = options;
  const started = performance.now();
  const db = server.deps.db;
  const club = await setUpClub(server, 'Bench Club');
  const host = await addMember(server, club, 'host', 'host@bench.test');
  const now = Date.now();
  const passwordHash = await hashPassword('not used for logging in', 2 ** 10);
  const members: string[] = [];
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < memberCount; i += 1) {
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
  const older = await options.older?.({
    clubId: club.clubId,
    memberIds: members,
    hostMemberId: host.memberId,
    now,
  });

  // One pass per member, enough for the whole period.
  const template = aTemplate({ id: newId(), sessions: 60, validityDays: 150 });
  const grants = members.map((memberId) =>
    aGrant(template, {
      memberId,
      at: iso(now - (historyDays + 5) * dayMs),
      byMemberId: club.ownerMemberId,
      passId: newId(),
    }),
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
  let openSessionId = '';
  const hostId = host.memberId;
  for (let day = -historyDays; day < aheadDays; day += 1) {
    const daySessions: Session[] = [];
    const attendance: Attendance[] = [];
    const signups: Signup[] = [];
    const log: NewCreditLogEntry[] = [];
    for (let c = 0; c < CLASSES_PER_DAY; c += 1) {
      const startsAt = now + day * dayMs + (c * 3 - 6) * 3_600_000;
      const session = aSession({
        id: newId(),
        location: 'Studio A',
        title: ['Morning Yoga', 'Strength', 'Evening Flow', 'Open Mat', 'Mobility'][c]!,
        startsAt: iso(startsAt),
        endsAt: iso(startsAt + 3_600_000),
        capacity: 40,
      });
      daySessions.push(session);
      // Today's class that starts now: check-in is open.
      if (day === 0 && c === 2) openSessionId = session.id;
      const past = startsAt + 3_600_000 < now;
      const count = past ? CHECKINS_PER_CLASS : SIGNUPS_PER_UPCOMING_CLASS;
      for (let k = 0; k < count; k += 1) {
        const memberId = members[cursor % memberCount]!;
        cursor += 1;
        if (!past) {
          signups.push(
            aSignup({
              id: newId(),
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
          id: newId(),
          deviceLabel: 'Front desk',
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
    memberIds: members,
    openSessionId,
    sessions,
    attendance: attendanceCount,
    creditLog,
    /** What `older` wrote: history rows and the time it took. */
    older,
    ms: Math.round(performance.now() - started),
  };
}
