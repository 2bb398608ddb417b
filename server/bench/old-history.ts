import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  emptyEffects,
  type Attendance,
  type NewCreditLogEntry,
  type Session,
} from '@turnout/shared';
import { SqliteStatements } from '../src/db/statements.js';
import { newId } from '../src/ids.js';
import { nextVersion, writeEffects } from '../src/repositories/domain.repository.js';
import { aGrant, anAttendance, aSession, aTemplate } from '@turnout/shared/testing';
import type { ClubSoFar } from './history-club.js';

const dayMs = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** The older history ends this long ago: well before any pull's window (30 days). */
const ENDS_DAYS_AGO = 40;
const SESSIONS_PER_DAY = 5;
export const ATTENDEES_PER_OLD_SESSION = 100;
/** Rows per transaction while seeding. */
const ROWS_PER_COMMIT = 60_000;

/**
 * Years of a club's past, long before what a device pulls: one old pass per
 * member (granted at the start), then `sessions` past sessions with 100
 * check-ins each, every check-in charged to the member's old pass — two
 * history rows (attendance + credit log) per check-in. One version per day,
 * as a day of real use would leave them.
 *
 * Written through the same writer as sync (writeEffects, so the rows have
 * exactly the app's shape and pass every database guard), on a connection of
 * its own in big transactions without waiting for the disk on each commit
 * (synchronous=OFF: only the seeding, never the server, runs like that).
 */
export function seedOlderHistory(dataDir: string, sessions: number) {
  return async (club: ClubSoFar): Promise<{ rows: number; ms: number }> => {
    const started = performance.now();
    const sqlite = new SQLite(path.join(dataDir, 'turnout.db'));
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = OFF');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('cache_size = -262144');
    const st = new SqliteStatements(sqlite);
    try {
      const members = club.memberIds;
      const days = Math.ceil(sessions / SESSIONS_PER_DAY);
      const end = club.now - ENDS_DAYS_AGO * dayMs;
      const start = end - days * dayMs;
      const charges = Math.ceil((sessions * ATTENDEES_PER_OLD_SESSION) / members.length);
      const template = aTemplate({ id: newId(), sessions: charges + 5, validityDays: days + 2 });
      const grants = members.map((memberId) =>
        aGrant(template, {
          memberId,
          at: iso(start - dayMs),
          byMemberId: club.hostMemberId,
          passId: newId(),
        }),
      );
      let rows = grants.length;
      sqlite.transaction(() => {
        writeEffects(
          st,
          club.clubId,
          {
            ...emptyEffects(),
            templates: [template],
            passes: grants.map((g) => g.pass),
            creditLog: grants.map((g) => g.entry),
          },
          nextVersion(st),
          null,
        );
      })();
      const balance = new Map(grants.map((g) => [g.pass.memberId, g.entry.balanceAfter]));
      const passOf = new Map(grants.map((g) => [g.pass.memberId, g.pass.id]));

      let written = 0;
      let next = 0;
      const writeDays = sqlite.transaction((fromDay: number, toDay: number) => {
        for (let day = fromDay; day < toDay; day += 1) {
          const daySessions: Session[] = [];
          const attendance: Attendance[] = [];
          const log: NewCreditLogEntry[] = [];
          for (let c = 0; c < SESSIONS_PER_DAY && written < sessions; c += 1, written += 1) {
            const startsAt = start + day * dayMs + (8 + c * 2) * 3_600_000;
            const session = aSession({
              id: newId(),
              location: 'Studio A',
              title: 'Old class',
              startsAt: iso(startsAt),
              endsAt: iso(startsAt + 3_600_000),
              capacity: null,
            });
            daySessions.push(session);
            for (let k = 0; k < ATTENDEES_PER_OLD_SESSION; k += 1) {
              const memberId = members[next++ % members.length]!;
              const passId = passOf.get(memberId)!;
              const after = balance.get(memberId)! - 1;
              balance.set(memberId, after);
              const at = iso(startsAt - 300_000);
              const record = anAttendance({
                id: newId(),
                deviceLabel: 'Front desk',
                sessionId: session.id,
                memberId,
                byMemberId: club.hostMemberId,
                charges: [{ passId, credits: 1 }],
                checkedInAt: at,
                updatedAt: at,
              });
              attendance.push(record);
              log.push({
                passId,
                memberId,
                delta: -1,
                kind: 'charged_checkin',
                balanceAfter: after,
                expiresOnAfter: null,
                sessionId: session.id,
                signupId: null,
                attendanceId: record.id,
                reason: null,
                byMemberId: club.hostMemberId,
                at,
              });
            }
          }
          const effects = { ...emptyEffects(), sessions: daySessions, attendance, creditLog: log };
          writeEffects(st, club.clubId, effects, nextVersion(st), null);
          rows += attendance.length + log.length;
        }
      });
      const daysPerCommit = Math.max(
        1,
        Math.floor(ROWS_PER_COMMIT / (2 * SESSIONS_PER_DAY * ATTENDEES_PER_OLD_SESSION)),
      );
      for (let day = 0; day < days; day += daysPerCommit) {
        writeDays(day, Math.min(days, day + daysPerCommit));
      }
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
      return { rows, ms: Math.round(performance.now() - started) };
    } finally {
      sqlite.close();
    }
  };
}
