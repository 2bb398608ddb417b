import { waitlistRank, type SessionCount } from '@turnout/shared';
import type { Selectable } from 'kysely';
import type { Statements } from '../db/statements.js';
import type { SignupsTable } from '../db/tables/domain.tables.js';
import { signupFromRow } from './domain.rows.js';
import type { Viewer } from './pull.repository.js';

/**
 * Adds a member's place on the waitlist to the counts of the sessions they
 * wait for (`myWaitlistPosition`). A member's device holds no one else's
 * sign-ups, so it cannot count the line itself; hosts' and owners' devices
 * hold them all and are told nothing extra. Any change to a waitlist moves
 * its session's counts, so a place that changed travels with them.
 */
export function withWaitlistPositions(
  st: Statements,
  viewer: Viewer,
  counts: SessionCount[],
): SessionCount[] {
  if (viewer.rosters || counts.length === 0) return counts;
  const waiting = st.all<Selectable<SignupsTable>>(
    `SELECT * FROM signups WHERE member_id = ? AND status = 'waitlisted' AND club_id = ?`,
    [viewer.memberId, viewer.clubId],
  );
  if (waiting.length === 0) return counts;
  const mine = new Map(waiting.map((s) => [s.session_id, s.id]));
  return counts.map((count) => {
    const signupId = mine.get(count.sessionId);
    if (!signupId) return count;
    const line = st
      .all<Selectable<SignupsTable>>(
        `SELECT * FROM signups WHERE session_id = ? AND status = 'waitlisted'`,
        [count.sessionId],
      )
      .map(signupFromRow);
    const position = waitlistRank(line, signupId);
    return position === null ? count : { ...count, myWaitlistPosition: position };
  });
}
