import { durable } from '../db/durable.js';
import { randomUUID } from 'node:crypto';
import { emptyEffects, grantPass, type Actor, type Effects } from '@turnout/shared';
import {
  aClubSettings,
  aContext,
  aSession,
  aTemplate,
  openSessionStart,
  startingAt,
} from '@turnout/shared/testing';
import { hashPassword } from '../auth/password.js';
import { openDatabase, statementsOf, type Db } from '../db/connection.js';
import { newId } from '../ids.js';
import { insertClub } from '../repositories/clubs.repository.js';
import { nextVersion, writeEffects } from '../repositories/domain.repository.js';
import { insertMembership } from '../repositories/memberships.repository.js';
import { insertUser } from '../repositories/users.repository.js';
import type { ServiceDeps } from '../services/deps.js';

/**
 * Writes effects as one change (one new version) through the writer sync uses;
 * returns that version.
 */
export async function writeChange(
  db: Db,
  clubId: string,
  effects: Partial<Effects>,
): Promise<number> {
  const st = statementsOf(db);
  const version = await db.transaction().execute(async () => {
    const version = nextVersion(st);
    writeEffects(st, clubId, { ...emptyEffects(), ...effects }, version, null);
    return version;
  });
  // As every writer: on disk before anyone is told (db/durable.ts).
  await durable(db);
  return version;
}

/**
 * `writeChange` into a server's database file, from another process while
 * the server runs (WAL; the version counter lives in the database): for
 * end-to-end tests that need what no procedure may write today, such as a
 * year of past attendance (backfill reaches only days back).
 */
export async function writeChangeToFile(
  file: string,
  clubId: string,
  effects: Partial<Effects>,
): Promise<void> {
  const { db } = openDatabase(file);
  try {
    await writeChange(db, clubId, effects);
  } finally {
    await db.destroy();
  }
}

export interface BuiltClub {
  clubId: string;
  ownerEmail: string;
  ownerMemberId: string;
  memberIds: string[];
  memberEmails: string[];
  sessionIds: string[];
  passIds: string[];
  templateId: string;
}

/**
 * A club built straight into the store (fast, for load and crash tests): an
 * owner who can log in, `members` members each holding a pass of
 * `passSessions` credits (granted through the rules), and `sessions`
 * sessions running now with check-in open.
 */
export async function buildClub(
  deps: ServiceDeps,
  options: {
    members: number;
    sessions: number;
    passSessions: number;
    password: string;
    capacity?: number | null;
  },
): Promise<BuiltClub> {
  const now = deps.clock().getTime();
  const at = new Date(now).toISOString();
  const settings = aClubSettings({ timezone: 'UTC' });
  const clubId = newId();
  const ownerEmail = `owner-${clubId.slice(-6)}@example.org`;
  const ownerMemberId = newId();
  const passwordHash = await hashPassword(options.password, deps.config.passwordCost);
  // Random ids: several clubs may be built into one database, run after run.
  const template = aTemplate({
    id: randomUUID(),
    names: { en: 'Load-test pass' },
    sessions: options.passSessions,
    priceMinor: 0,
    validityDays: 365,
  });
  const sessions = Array.from({ length: options.sessions }, (_, i) =>
    aSession({
      id: randomUUID(),
      title: `Session ${i + 1}`,
      ...startingAt(openSessionStart(now, settings.timezone)),
      capacity: options.capacity ?? null,
    }),
  );
  const memberIds: string[] = [];
  const memberEmails: string[] = [];
  const passIds: string[] = [];
  await deps.db.transaction().execute(async (trx) => {
    await insertClub(trx, { id: clubId, name: 'Built club', settings, createdAt: at });
    const person = async (email: string, memberId: string, role: Actor['role']) => {
      const userId = newId();
      await insertUser(trx, {
        id: userId,
        email,
        name: email,
        password_hash: passwordHash,
        created_at: at,
      });
      await insertMembership(trx, { id: memberId, clubId, userId, role, createdAt: at });
    };
    await person(ownerEmail, ownerMemberId, 'owner');
    const st = statementsOf(deps.db);
    const version = nextVersion(st);
    writeEffects(st, clubId, { ...emptyEffects(), templates: [template], sessions }, version, null);
    for (let i = 0; i < options.members; i++) {
      const memberId = newId();
      const email = `member-${i}-${clubId.slice(-6)}@example.org`;
      await person(email, memberId, 'member');
      memberEmails.push(email);
      memberIds.push(memberId);
      const passId = randomUUID();
      passIds.push(passId);
      const decision = grantPass(
        aContext({
          role: 'owner',
          memberId: ownerMemberId,
          settings,
          now,
          mutationId: newId(),
          deviceLabel: null,
        }),
        { passId, memberId, templateId: template.id },
        { template, request: null, existing: null },
      );
      if (!decision.ok) throw new Error(decision.message);
      writeEffects(st, clubId, decision.effects, version, null);
    }
  });
  return {
    clubId,
    ownerEmail,
    ownerMemberId,
    memberIds,
    memberEmails,
    sessionIds: sessions.map((s) => s.id),
    passIds,
    templateId: template.id,
  };
}
