import { randomUUID } from 'node:crypto';
import { v7 } from 'uuid';
import { buildClub } from './builders.js';
import { PASSWORD, type TestServer } from './harness.js';

export interface BigClub {
  clubId: string;
  ownerEmail: string;
  /** Club dates around the sessions: an export range that holds every check-in. */
  from: string;
  to: string;
  attendance: number;
  mutations: number;
  memberIds: string[];
  /** Sessions running now with nobody checked in yet (for check-ins during an export). */
  spareSessionIds: string[];
}

const members = 500;

/**
 * A club with a long history for export tests and the export bench: 500
 * members, `attendance` check-ins (every member in each of the sessions) and
 * `mutations` mutation-log entries (and, if asked, spare sessions nobody
 * is checked in to yet), written with plain SQL inserts in one
 * transaction (seconds, where the rules would take minutes). The rows are
 * what the server itself writes for a check-in, with realistic text sizes.
 */
export async function seedBigClub(
  server: TestServer,
  size: { attendance: number; mutations: number; spareSessions?: number },
): Promise<BigClub> {
  const filled = Math.ceil(size.attendance / members);
  const built = await buildClub(server.deps, {
    members,
    sessions: filled + (size.spareSessions ?? 0),
    passSessions: 1000,
    password: PASSWORD,
  });
  const now = server.deps.clock();
  const at = now.toISOString();
  // Either store: the server's own statements, inside one transaction of its connection.
  const st = server.sql;
  const attendanceSql = `INSERT INTO attendance (id, club_id, session_id, member_id, credits, charges, checked_in_at,
       updated_at, by_member_id, device_label, version)
     VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, 'Front desk', 1)`;
  const loggedSql = `INSERT INTO mutation_log (id, club_id, client_id, seq, user_id, member_id, name, args,
       occurred_at, judged_at, received_at, status, server_version)
     VALUES (?, ?, ?, ?, ?, ?, 'checkin.create', ?, ?, ?, ?, 'applied', 1)`;
  const owner = st.one<{ user_id: string }>(`SELECT user_id FROM memberships WHERE id = ?`, [
    built.ownerMemberId,
  ])!;
  const clientId = randomUUID();
  await server.deps.db.transaction().execute(async () => {
    for (let i = 0; i < size.attendance; i++) {
      const sessionId = built.sessionIds[Math.floor(i / members)]!;
      const memberId = built.memberIds[i % members]!;
      const passId = built.passIds[i % members]!;
      // Each check-in at its own moment, as at a real desk.
      const checkedIn = new Date(now.getTime() - i * 701).toISOString();
      st.run(attendanceSql, [
        v7(),
        built.clubId,
        sessionId,
        memberId,
        JSON.stringify([{ passId, credits: 1 }]),
        checkedIn,
        checkedIn,
        built.ownerMemberId,
      ]);
    }
    for (let i = 0; i < size.mutations; i++) {
      const args = {
        sessionId: built.sessionIds[i % built.sessionIds.length],
        memberId: built.memberIds[i % members],
        credits: 1,
        note: 'Checked in at the front desk by the evening host',
      };
      st.run(loggedSql, [
        v7(),
        built.clubId,
        clientId,
        i + 1,
        owner.user_id,
        built.ownerMemberId,
        JSON.stringify(args),
        at,
        at,
        at,
      ]);
    }
  });
  const day = (offset: number) => new Date(now.getTime() + offset * 86_400_000).toISOString();
  return {
    clubId: built.clubId,
    ownerEmail: built.ownerEmail,
    from: day(-1).slice(0, 10),
    to: day(1).slice(0, 10),
    attendance: size.attendance,
    mutations: size.mutations,
    memberIds: built.memberIds,
    spareSessionIds: built.sessionIds.slice(filled),
  };
}
