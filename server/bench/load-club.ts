import { pino } from 'pino';
import { openStore } from '../src/app.js';
import { SESSION_COOKIE } from '../src/auth/cookies.js';
import { newId } from '../src/ids.js';
import { insertMembership } from '../src/repositories/memberships.repository.js';
import { findUserByEmail, insertUser } from '../src/repositories/users.repository.js';
import { startLogin } from '../src/services/accounts.service.js';
import { aSession } from '@turnout/shared/testing';
import { buildClub, writeChange } from '../src/test/builders.js';
import { PASSWORD, testConfig } from '../src/test/harness.js';

export const CLUB_MEMBERS = 2000;
/** Sessions running now (check-in open) and later today (members mark going). */
export const SESSIONS_NOW = 140;
export const SESSIONS_LATER = 10;
/** More credits than any member is checked in: every check-in is charged. */
const PASS_SESSIONS = 500;

export interface Account {
  memberId: string;
  /** The login cookie header of this account's device. */
  cookie: string;
}

export interface LoadClub {
  dataDir: string;
  clubId: string;
  memberIds: string[];
  sessionsNow: string[];
  sessionsLater: string[];
  hosts: Account[];
  members: Account[];
}

/**
 * The Saturday club, written into a fresh data dir before the server starts:
 * 2,000 members with a pass each and 150 sessions today (buildClub, plus ten
 * later today), `hosts` host accounts, and a login for each device — made
 * directly with the login service, as logging in 200 times over HTTP would
 * meet the per-address login limit; every device is its own account, so the
 * per-account push and pull limits apply to each on its own.
 */
export async function buildLoadClub(hosts: number, members: number): Promise<LoadClub> {
  if (members > CLUB_MEMBERS) throw new Error(`at most ${CLUB_MEMBERS} member devices`);
  const config = testConfig();
  const store = await openStore(config, pino({ level: 'silent' }));
  try {
    const club = await buildClub(store, {
      members: CLUB_MEMBERS,
      sessions: SESSIONS_NOW,
      passSessions: PASS_SESSIONS,
      password: PASSWORD,
    });
    const now = Date.now();
    const later = Array.from({ length: SESSIONS_LATER }, (_, i) =>
      aSession({
        id: newId(),
        title: `Later ${i + 1}`,
        startsAt: new Date(now + (3 + i / 4) * 3_600_000).toISOString(),
        endsAt: new Date(now + (4 + i / 4) * 3_600_000).toISOString(),
        capacity: null,
      }),
    );
    await writeChange(store.db, club.clubId, { sessions: later });

    const login = async (userId: string, memberId: string): Promise<Account> => {
      const { token } = await startLogin(store, userId, 'Load bench');
      return { memberId, cookie: `${SESSION_COOKIE}=${token}` };
    };
    const hostAccounts: Account[] = [];
    const at = new Date(now).toISOString();
    for (let i = 0; i < hosts; i++) {
      const userId = newId();
      const memberId = newId();
      await insertUser(store.db, {
        id: userId,
        email: `host-${i}@load.test`,
        name: `Host ${i}`,
        password_hash: 'not used: logged in directly',
        created_at: at,
      });
      await insertMembership(store.db, {
        id: memberId,
        clubId: club.clubId,
        userId,
        role: 'host',
        createdAt: at,
      });
      hostAccounts.push(await login(userId, memberId));
    }
    const memberAccounts: Account[] = [];
    for (let i = 0; i < members; i++) {
      const user = await findUserByEmail(store.db, club.memberEmails[i]!);
      if (!user) throw new Error(`no account for ${club.memberEmails[i]}`);
      memberAccounts.push(await login(user.id, club.memberIds[i]!));
    }
    return {
      dataDir: config.dataDir,
      clubId: club.clubId,
      memberIds: club.memberIds,
      sessionsNow: club.sessionIds,
      sessionsLater: later.map((s) => s.id),
      hosts: hostAccounts,
      members: memberAccounts,
    };
  } finally {
    await store.db.destroy();
  }
}
