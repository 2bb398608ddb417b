import type { SessionCount } from '../protocol/sync.js';
import type { Effects } from '../rules/decision.js';
import type { Replica } from './replica.js';

interface Standing {
  holds: boolean;
  waitlisted: boolean;
  going: boolean;
}

function standing(replica: Replica, sessionId: string, memberId: string): Standing {
  const { signups, attendance, intents } = replica.tables;
  const signup = signups.by('session', sessionId).filter((s) => s.memberId === memberId);
  const checkedIn = attendance
    .by('session', sessionId)
    .some((a) => a.memberId === memberId && !a.voided);
  return {
    holds: checkedIn || signup.some((s) => s.status === 'active'),
    waitlisted: signup.some((s) => s.status === 'waitlisted'),
    going: intents.get(`${sessionId}:${memberId}`)?.going ?? false,
  };
}

const delta = (before: boolean, after: boolean) => Number(after) - Number(before);

/**
 * Writes an applied decision into a (layered) replica, as the server's
 * effects writer does into SQLite. Session counts are moved by what changed
 * for each member touched, so they stay right on a member's copy too, where
 * other people's records are not present. Notifications are left to the
 * server: they arrive with the next pull.
 */
export function applyEffects(replica: Replica, effects: Effects, mutationId: string): void {
  const t = replica.tables;
  const touched = new Map<string, { sessionId: string; memberId: string; before: Standing }>();
  for (const row of [...effects.signups, ...effects.attendance, ...effects.intents]) {
    const key = `${row.sessionId}:${row.memberId}`;
    if (!touched.has(key)) {
      touched.set(key, {
        sessionId: row.sessionId,
        memberId: row.memberId,
        before: standing(replica, row.sessionId, row.memberId),
      });
    }
  }

  // A walk-in joins the member list at once, so the roster shows them before sync.
  for (const g of effects.guests) {
    t.members.put({
      memberId: g.memberId,
      name: g.name,
      role: 'member',
      removed: false,
      guest: true,
    });
  }
  // A dependant shows at once on the guardian's family list and the session pickers.
  for (const link of effects.familyLinks) {
    const known = t.members.get(link.memberId);
    if (link.removedAt !== null) {
      if (known) {
        const { guardianId: _ended, ...rest } = known;
        t.members.put({ ...rest, removed: known.removed || link.kind === 'child' });
      }
      continue;
    }
    t.members.put({
      ...(known ?? {
        memberId: link.memberId,
        name: link.name ?? '',
        role: 'member',
        removed: false,
      }),
      guardianId: link.guardianId,
      ...(link.kind === 'child' ? { child: true as const } : {}),
      ...(link.birthYear !== null ? { birthYear: link.birthYear } : {}),
    });
  }
  for (const row of effects.sessions) t.sessions.put(row);
  for (const row of effects.series) t.series.put(row);
  for (const row of effects.trainingTypes) t.trainingTypes.put(row);
  for (const row of effects.templates) t.templates.put(row);
  for (const row of effects.passRequests) t.passRequests.put(row);
  for (const row of effects.passes) t.passes.put(row);
  for (const row of effects.intents) t.intents.put(row);
  for (const row of effects.signups) t.signups.put(row);
  for (const row of effects.attendance) t.attendance.put(row);
  effects.creditLog.forEach((entry, i) => t.creditLog.put({ ...entry, id: `${mutationId}:${i}` }));
  const club = replica.club;
  if (effects.settings && club) t.club.put({ ...club, settings: effects.settings });

  for (const { sessionId, memberId, before } of touched.values()) {
    const after = standing(replica, sessionId, memberId);
    const count: SessionCount = t.sessionCounts.get(sessionId) ?? {
      sessionId,
      occupancy: 0,
      going: 0,
      waitlisted: 0,
    };
    t.sessionCounts.put({
      sessionId,
      occupancy: Math.max(0, count.occupancy + delta(before.holds, after.holds)),
      going: Math.max(0, count.going + delta(before.going, after.going)),
      waitlisted: Math.max(0, count.waitlisted + delta(before.waitlisted, after.waitlisted)),
    });
  }
}
