import { waitlistRank, type SessionCount } from '@turnout/shared';
import type { Selectable } from 'kysely';
import { inList, type Statements } from '../db/statements.js';
import type { SignupsTable } from '../db/tables/domain.tables.js';
import { signupFromRow } from './domain.rows.js';
import type { Viewer } from './pull.repository.js';

/**
 * Adds a member's place on the waitlist — and their dependants' — to the
 * counts of the sessions they wait for (`waitlistPositions`, by member id).
 * A member's device holds no one else's sign-ups, so it cannot count the
 * line itself; hosts' and owners' devices hold them all and are told nothing
 * extra. Any change to a waitlist moves its session's counts, so a place
 * that changed travels with them.
 */
export function withWaitlistPositions(
  st: Statements,
  viewer: Viewer,
  counts: SessionCount[],
): SessionCount[] {
  if (viewer.rosters || counts.length === 0) return counts;
  const { list, values } = inList([viewer.memberId, ...(viewer.dependants ?? [])]);
  const waiting = st.all<Selectable<SignupsTable>>(
    `SELECT * FROM signups WHERE member_id IN ${list} AND status = 'waitlisted' AND club_id = ?`,
    [...values, viewer.clubId],
  );
  if (waiting.length === 0) return counts;
  const bySession = new Map<string, Selectable<SignupsTable>[]>();
  for (const s of waiting) bySession.set(s.session_id, [...(bySession.get(s.session_id) ?? []), s]);
  return counts.map((count) => {
    const theirs = bySession.get(count.sessionId);
    if (!theirs) return count;
    const line = st
      .all<Selectable<SignupsTable>>(
        `SELECT * FROM signups WHERE session_id = ? AND status = 'waitlisted'`,
        [count.sessionId],
      )
      .map(signupFromRow);
    const positions: Record<string, number> = {};
    for (const s of theirs) {
      const position = waitlistRank(line, s.id);
      if (position !== null) positions[s.member_id] = position;
    }
    return Object.keys(positions).length > 0 ? { ...count, waitlistPositions: positions } : count;
  });
}
