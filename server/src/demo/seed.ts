import { defaultClubSettings } from '@turnout/shared';
import { hashPassword } from '../auth/password.js';
import { newId } from '../ids.js';
import { insertClub } from '../repositories/clubs.repository.js';
import { insertMembership } from '../repositories/memberships.repository.js';
import { insertUser } from '../repositories/users.repository.js';
import type { ServiceDeps } from '../services/deps.js';
import { serverTimeZone } from '../services/setup.service.js';

export const DEMO_PASSWORD = 'turnout-demo';

export interface DemoLogin {
  role: 'owner' | 'host' | 'member';
  name: string;
  email: string;
}

const people: DemoLogin[] = [
  { role: 'owner', name: 'Olivia Owner', email: 'owner@demo.turnout.test' },
  { role: 'host', name: 'Hugo Host', email: 'host@demo.turnout.test' },
  { role: 'member', name: 'Mia Member', email: 'mia@demo.turnout.test' },
  { role: 'member', name: 'Noah Novak', email: 'noah@demo.turnout.test' },
  { role: 'member', name: 'Ella Kranjc', email: 'ella@demo.turnout.test' },
  { role: 'member', name: 'Luka Zupan', email: 'luka@demo.turnout.test' },
  { role: 'member', name: 'Sara Horvat', email: 'sara@demo.turnout.test' },
  { role: 'member', name: 'Jan Kovač', email: 'jan@demo.turnout.test' },
];

export function demoLogins(): DemoLogin[] {
  return people;
}

/** Fills an empty database with a demo club so there is something to see. */
export async function seedDemo(
  deps: ServiceDeps,
): Promise<{ clubName: string; logins: DemoLogin[] }> {
  const now = deps.clock().toISOString();
  const clubId = newId();
  const clubName = 'Riverside Movement Club';
  // One hash for all demo accounts: they share the demo password.
  const passwordHash = await hashPassword(DEMO_PASSWORD, deps.config.passwordCost);
  await deps.db.transaction().execute(async (trx) => {
    await insertClub(trx, {
      id: clubId,
      name: clubName,
      settings: defaultClubSettings(serverTimeZone()),
      createdAt: now,
    });
    for (const person of people) {
      const userId = newId();
      await insertUser(trx, {
        id: userId,
        name: person.name,
        email: person.email,
        password_hash: passwordHash,
        created_at: now,
      });
      await insertMembership(trx, {
        id: newId(),
        clubId,
        userId,
        role: person.role,
        createdAt: now,
      });
    }
  });
  return { clubName, logins: people };
}
