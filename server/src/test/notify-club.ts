import { randomUUID } from 'node:crypto';
import {
  grantPass,
  type ClubSettings,
  type Notification,
  type NotificationKind,
  type Session,
  type Signup,
} from '@turnout/shared';
import { aClubSettings, aContext, aSession, aSignup, aTemplate } from '@turnout/shared/testing';
import { pino } from 'pino';
import { openStore, type OpenedStore } from '../app.js';
import { statementsOf } from '../db/connection.js';
import { newId } from '../ids.js';
import { insertClub } from '../repositories/clubs.repository.js';
import { nextVersion, writeEffects } from '../repositories/domain.repository.js';
import { insertMembership } from '../repositories/memberships.repository.js';
import { insertUser } from '../repositories/users.repository.js';
import type { DeliveryDeps } from '../notify/deliver.js';
import type { PushMessage } from '../push/send.js';
import { testConfig } from './harness.js';
import { writeChange } from './builders.js';

/** A store on a real SQLite file whose clock the test moves. */
export interface ClockedStore extends OpenedStore {
  setNow(at: string | Date): void;
  file: string;
}

export async function openClockedStore(start: string): Promise<ClockedStore> {
  let now = new Date(start);
  const config = testConfig();
  const store = await openStore(config, pino({ level: 'silent' }), () => now);
  return {
    ...store,
    file: `${config.dataDir}/turnout.db`,
    setNow(at) {
      now = new Date(at);
    },
  };
}

export interface NotifyClub {
  clubId: string;
  ownerMemberId: string;
  /** A person in the club; returns their member and user ids. */
  member(
    name: string,
    options?: { email?: string; locale?: string | null },
  ): Promise<{ memberId: string; userId: string; email: string }>;
  session(startsAt: string, over?: Partial<Session>): Promise<Session>;
  signUp(session: Session, memberId: string, createdAt: string): Promise<Signup>;
  change(effects: Parameters<typeof writeChange>[2]): Promise<number>;
  /** Grants a pass of `sessions` credits valid for `validityDays` from the store's now. */
  /** With `time`: a membership by time ("unlimited for validityDays"; `sessions` is ignored). */
  grant(
    memberId: string,
    options: { sessions: number; validityDays: number; time?: boolean },
  ): Promise<string>;
  notify(
    memberId: string,
    kind: NotificationKind,
    data?: Notification['data'],
    sessionId?: string | null,
  ): Promise<string>;
  remove(memberId: string): Promise<void>;
  /** A child (no login) of `guardianId`, added as `dependant.add` does; returns their member id. */
  child(guardianId: string, name: string): Promise<string>;
  /** Ties a member with their own account to `guardianId` as a linked teen. */
  link(memberId: string, guardianId: string): Promise<void>;
  /** Ends a tie as `dependant.remove` does (a child's membership ends with it). */
  unlink(memberId: string, guardianId: string, kind?: 'child' | 'linked'): Promise<void>;
}

/** A club built straight into the store, for the notification and reminder tests. */
export async function aNotifyClub(
  store: ClockedStore,
  settings: Partial<ClubSettings> = {},
  name = 'Studio Nord',
): Promise<NotifyClub> {
  const { db } = store;
  const full = aClubSettings({ timezone: 'Europe/Berlin', ...settings });
  const clubId = newId();
  const at = () => store.clock().toISOString();
  await insertClub(db, { id: clubId, name, settings: full, createdAt: at() });
  const person: NotifyClub['member'] = async (personName, options = {}) => {
    const userId = newId();
    const memberId = newId();
    const email = options.email ?? `${randomUUID().slice(0, 8)}@example.org`;
    await insertUser(db, {
      id: userId,
      email,
      name: personName,
      password_hash: 'x',
      created_at: at(),
      locale: options.locale ?? null,
    });
    await insertMembership(db, { id: memberId, clubId, userId, role: 'member', createdAt: at() });
    return { memberId, userId, email };
  };
  const owner = await person('Olga Owner');
  const change: NotifyClub['change'] = (effects) => writeChange(db, clubId, effects);
  return {
    clubId,
    ownerMemberId: owner.memberId,
    member: person,
    change,
    async session(startsAt, over = {}) {
      const s = aSession({
        id: randomUUID(),
        startsAt,
        endsAt: new Date(Date.parse(startsAt) + 3_600_000).toISOString(),
        ...over,
      });
      await change({ sessions: [s] });
      return s;
    },
    async signUp(session, memberId, createdAt) {
      const signup = aSignup({
        id: randomUUID(),
        sessionId: session.id,
        memberId,
        createdAt,
        updatedAt: createdAt,
      });
      await change({ signups: [signup] });
      return signup;
    },
    async grant(memberId, options) {
      const template = aTemplate({
        id: randomUUID(),
        names: { en: 'Ten class pass', de: 'Zehnerkarte' },
        sessions: options.time ? 0 : options.sessions,
        validityDays: options.validityDays,
        ...(options.time ? { kind: 'time' as const, weeklyCap: null } : {}),
      });
      const passId = randomUUID();
      const decision = grantPass(
        aContext({
          role: 'owner',
          memberId: owner.memberId,
          settings: full,
          now: store.clock().getTime(),
          mutationId: newId(),
          deviceLabel: null,
        }),
        { passId, memberId, templateId: template.id },
        { template, request: null, existing: null },
      );
      if (!decision.ok) throw new Error(decision.message);
      const st = statementsOf(db);
      await db.transaction().execute(async () => {
        const version = nextVersion(st);
        writeEffects(
          st,
          clubId,
          { ...decision.effects, templates: [template, ...decision.effects.templates] },
          version,
          null,
        );
      });
      return passId;
    },
    async notify(memberId, kind, data = {}, sessionId = null) {
      await change({ notifications: [{ memberId, kind, sessionId, data, at: at() }] });
      const row = await db
        .selectFrom('notifications')
        .select('id')
        .where('member_id', '=', memberId)
        .orderBy('version', 'desc')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async child(guardianId, childName) {
      const memberId = randomUUID();
      await change({
        familyLinks: [
          {
            memberId,
            guardianId,
            kind: 'child',
            name: childName,
            birthYear: null,
            at: at(),
            byMemberId: guardianId,
            removedAt: null,
          },
        ],
      });
      return memberId;
    },
    async link(memberId, guardianId) {
      await change({
        familyLinks: [
          {
            memberId,
            guardianId,
            kind: 'linked',
            name: null,
            birthYear: null,
            at: at(),
            byMemberId: guardianId,
            removedAt: null,
          },
        ],
      });
    },
    async unlink(memberId, guardianId, kind = 'child') {
      await change({
        familyLinks: [
          {
            memberId,
            guardianId,
            kind,
            name: null,
            birthYear: null,
            at: at(),
            byMemberId: guardianId,
            removedAt: at(),
          },
        ],
      });
    },
    async remove(memberId) {
      await db
        .updateTable('memberships')
        .set({ removed_at: at() })
        .where('id', '=', memberId)
        .execute();
    },
  };
}

/** A push the delivery would have sent, and to whom. */
export interface RecordedPush extends PushMessage {
  userId: string;
}

/**
 * Delivery on a clocked store with mail configured (queued for the mail
 * sender, which these tests do not run) and pushes recorded instead of sent.
 */
export function recordingDelivery(store: ClockedStore, render: DeliveryDeps['render']) {
  const pushed: RecordedPush[] = [];
  const depsOf = (over: Partial<DeliveryDeps> = {}): DeliveryDeps => ({
    db: store.db,
    config: { smtpUrl: 'smtp://127.0.0.1:2525', mailFrom: 'Turnout <club@example.org>' },
    logger: pino({ level: 'silent' }),
    clock: store.clock,
    baseUrl: 'https://club.example.org',
    render,
    push: async (_db, userId, message) => {
      pushed.push({ userId, ...message });
      return { sent: 1, dropped: 0, failed: 0 };
    },
    ...over,
  });
  return { pushed, depsOf };
}
