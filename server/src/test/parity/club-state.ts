import {
  addDaysToDate,
  clubDate,
  creditPolicies,
  hostOverrides,
  type ClubSettings,
  type DoorPass,
  type Guest,
  type NewCreditLogEntry,
  type Pass,
  type PassRequest,
  type PulledMember,
  type Role,
  type Session,
  type Template,
  type TrainingType,
  isTimePass,
} from '@turnout/shared';
import {
  aClubSettings,
  aMember,
  aNewCreditLogEntry,
  aPassRequest,
  aSession,
  aTemplate,
  aTrainingType,
  memberIdOf,
  NOW,
  startingAt,
  termsOf,
} from '@turnout/shared/testing';
import fc from 'fast-check';
import { clubKey, doorCodes, firstGuestId } from './door-passes.js';
import {
  fromNow,
  GUEST_ID,
  idOf,
  PASS_ID,
  pick,
  REQUEST_ID,
  SESSION_ID,
  TEMPLATE_ID,
  TRAINING_TYPE_ID,
} from './ids.js';
import { buildRecords, recordChoices, type SessionRecords } from './session-records.js';

/**
 * A random club as the parity property needs it (server/src/sync/
 * parity.property.test.ts): settings, people, sessions around NOW, templates,
 * passes with balances and expiry dates, and each member's records in a
 * session (sign-ups in every state, check-ins paid, unpaid or voided,
 * "going"), its door key and the door passes it issued and revoked, and
 * walk-ins (guests, some claimed since). Generated as small choices and built deterministically, so a
 * counterexample shrinks to a readable club.
 */

/** The people: memberIdOf(n) with this role (4 is the owner, never removed). */
const roster: { n: number; role: Role; name: string }[] = [
  { n: 1, role: 'member', name: 'Mia' },
  { n: 2, role: 'member', name: 'Otto' },
  { n: 3, role: 'host', name: 'Hana' },
  { n: 4, role: 'owner', name: 'Olga' },
  { n: 5, role: 'member', name: 'Mats' },
  { n: 6, role: 'host', name: 'Hugo' },
];

const weighted = (oneIn: number) => fc.integer({ min: 1, max: oneIn }).map((n) => n === 1);

/** The door codes (door-passes.ts) this club may have issued: a member's or a guest's. */
const issuable = doorCodes.filter((c) => c.issued);

const settingsChoice = fc.record({
  creditPolicy: fc.constantFrom(...creditPolicies),
  signupsEnabled: weighted(5).map((off) => !off),
  waitlistEnabled: fc.boolean(),
  lateCancelMinutes: fc.constantFrom(0, 0, 60, 24 * 60),
  whosGoingEnabled: weighted(5).map((off) => !off),
  multiCreditEnabled: fc.boolean(),
  maxCreditsPerCheckIn: fc.integer({ min: 1, max: 3 }),
  checkInOpensMinutesBefore: fc.constantFrom(0, 30, 120),
  checkInGraceMinutes: fc.constantFrom(0, 30),
  backfillWindowDays: fc.constantFrom(0, 1, 7),
  hostsCanBackfill: fc.boolean(),
  hostsCanManageSessions: fc.boolean(),
  hostsCanManagePasses: fc.boolean(),
  hostOverCapacity: fc.constantFrom(...hostOverrides),
  hostWithoutCredits: fc.constantFrom(...hostOverrides),
});

const choices = fc.record({
  settings: settingsChoice,
  /** Which of memberIdOf(1, 2, 5, 6) are removed. */
  removed: fc.array(weighted(5), { minLength: 4, maxLength: 4 }),
  archivedType: fc.boolean(),
  sessions: fc.array(
    fc.record({
      /** Start, minutes from NOW: long past, past, running, soon, later, tomorrow. */
      start: fc.constantFrom(-4 * 24 * 60, -24 * 60, -90, -20, 15, 60, 24 * 60, 24 * 60),
      capacity: fc.constantFrom(null, 1, 1, 2, 2, 3),
      creditCost: fc.constantFrom(0, 1, 1, 2),
      cancelled: weighted(6),
      trainingType: fc.constantFrom(null, 0, 1),
    }),
    { minLength: 1, maxLength: 6 },
  ),
  templates: fc.array(
    fc.record({
      sessions: fc.integer({ min: 1, max: 5 }),
      /** A membership by time with this weekly cap (null = none); undefined = a session-count pass. */
      time: fc.constantFrom<number | null | undefined>(undefined, undefined, null, 1, 2),
      validityDays: fc.constantFrom(7, 30, 90),
      trainingType: fc.constantFrom(null, 0, 1),
      deleted: weighted(5),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  passes: fc.array(
    fc.record({
      member: fc.nat({ max: 5 }),
      template: fc.nat({ max: 2 }),
      grantedDaysAgo: fc.integer({ min: 0, max: 60 }),
      expiresInDays: fc.constantFrom(-3, -1, 0, 1, 10, 60),
      active: weighted(6).map((off) => !off),
      balance: fc.constantFrom(0, 0, 1, 2, 3),
    }),
    { maxLength: 7 },
  ),
  requests: fc.array(
    fc.record({
      member: fc.nat({ max: 5 }),
      template: fc.nat({ max: 2 }),
      status: fc.constantFrom('pending', 'pending', 'approved', 'rejected', 'withdrawn'),
    }),
    { maxLength: 3 },
  ),
  records: fc.array(recordChoices, { maxLength: 14 }),
  door: fc.record({
    hasKey: weighted(10).map((none) => !none),
    /** Which of the issuable passes it revoked (those of people it has). */
    revoked: fc.array(weighted(4), { minLength: issuable.length, maxLength: issuable.length }),
  }),
  guests: fc.array(
    fc.record({ claimed: weighted(4), removed: weighted(6), contact: fc.boolean() }),
    { maxLength: 2 },
  ),
  /** Dependants: a member (by roster index) tied to a guardian, as a child or linked; some ties ended. */
  ties: fc.array(
    fc.record({
      dependant: fc.nat({ max: 5 }),
      guardian: fc.nat({ max: 5 }),
      child: fc.boolean(),
      ended: weighted(5),
    }),
    { maxLength: 3 },
  ),
});

export type ClubChoices = typeof choices extends fc.Arbitrary<infer T> ? T : never;

export interface ClubState {
  settings: ClubSettings;
  members: PulledMember[];
  trainingTypes: TrainingType[];
  sessions: Session[];
  templates: Template[];
  passRequests: PassRequest[];
  /** With their final balances. */
  passes: Pass[];
  /** The `granted` entries that give the passes their sessions. */
  grants: NewCreditLogEntry[];
  /** In the order they were written, one change each (versions unrelated to their times). */
  records: SessionRecords[];
  /** The club's door key (public half; null before it has one) and the passes it issued. */
  door: { publicKey: string | null; passes: { pass: DoorPass; revoked: boolean }[] };
  /** Walk-ins recorded before the batch; a claimed one is a member with an account now. */
  guests: ClubGuest[];
  /** Dependants' ties (docs/decisions.md "Dependants"); an ended one is in the database only. */
  ties: ClubTie[];
}

export interface ClubTie {
  memberId: string;
  guardianId: string;
  kind: 'child' | 'linked';
  ended: boolean;
}

export interface ClubGuest extends Guest {
  claimed: boolean;
  removed: boolean;
}

export const clubStates: fc.Arbitrary<ClubState> = choices.map(buildClub);

/** The club these choices describe (also for fixed examples: parity-examples.ts). */
export function buildClub(c: ClubChoices): ClubState {
  const settings = aClubSettings(c.settings);
  const removable = [1, 2, 5, 6];
  const members = roster.map(({ n, role, name }) =>
    aMember({
      memberId: memberIdOf(n),
      name,
      role,
      removed: c.removed[removable.indexOf(n)] ?? false,
    }),
  );
  const trainingTypes = [0, 1].map((i) =>
    aTrainingType({
      id: idOf(TRAINING_TYPE_ID, i + 1),
      name: i === 0 ? 'Yoga' : 'Pilates',
      archived: i === 1 && c.archivedType,
    }),
  );
  const typeId = (i: number | null) => (i === null ? null : trainingTypes[i]!.id);
  const sessions = c.sessions.map((s, i) =>
    aSession({
      id: idOf(SESSION_ID, i + 1),
      title: `Session ${i + 1}`,
      ...startingAt(Date.parse(fromNow(s.start))),
      capacity: s.capacity,
      creditCost: s.creditCost,
      trainingTypeId: typeId(s.trainingType),
      ...(s.cancelled ? { status: 'cancelled' as const, cancelReason: 'Rain' } : {}),
    }),
  );
  const templates = c.templates.map((t, i) =>
    aTemplate({
      id: idOf(TEMPLATE_ID, i + 1),
      names: { en: `Pass ${i + 1}` },
      sessions: t.time === undefined ? t.sessions : 0,
      validityDays: t.validityDays,
      trainingTypeIds: t.trainingType === null ? [] : [typeId(t.trainingType)!],
      deletedAt: t.deleted ? fromNow(-24 * 60) : null,
      // As the server reads every template since time passes (migration 0021).
      kind: t.time === undefined ? 'credits' : 'time',
      weeklyCap: t.time ?? null,
    }),
  );
  const today = clubDate(NOW, settings.timezone);
  const passes = c.passes.map((p, i) => {
    const template = pick(templates, p.template);
    const grantedAt = fromNow(-p.grantedDaysAgo * 24 * 60 - 60);
    return {
      id: idOf(PASS_ID, i + 1),
      memberId: members[p.member]!.memberId,
      templateId: template.id,
      terms: termsOf(template),
      // A time pass's balance stays 0; its uses are counted per week (buildRecords adds them).
      balance: template.kind === 'time' ? 0 : p.balance,
      ...(template.kind === 'time' ? { weekUses: {} } : {}),
      grantedOn: clubDate(grantedAt, settings.timezone),
      grantedAt,
      expiresOn: addDaysToDate(today, p.expiresInDays),
      active: p.active,
      requestId: null,
    } satisfies Pass;
  });
  const passRequests = c.requests.map((r, i) =>
    aPassRequest({
      id: idOf(REQUEST_ID, i + 1),
      memberId: members[r.member]!.memberId,
      templateId: pick(templates, r.template).id,
      status: r.status as PassRequest['status'],
      createdAt: fromNow(-3 * 24 * 60),
      ...(r.status === 'pending'
        ? {}
        : { decidedAt: fromNow(-2 * 24 * 60), decidedBy: memberIdOf(4) }),
    }),
  );

  const records = buildRecords(c.records, settings, members, sessions, passes);
  // Each pass is granted what it later paid, plus what it has left.
  const paid = new Map<string, number>();
  for (const e of records.flatMap((r) => r.creditLog)) {
    paid.set(e.passId, (paid.get(e.passId) ?? 0) - e.delta);
  }
  const grants: NewCreditLogEntry[] = [];
  const running = new Map<string, number>();
  for (const p of passes) {
    const granted = p.balance + (paid.get(p.id) ?? 0);
    running.set(p.id, granted);
    if (granted === 0 && !isTimePass(p)) continue;
    grants.push(
      aNewCreditLogEntry({
        passId: p.id,
        memberId: p.memberId,
        delta: granted,
        balanceAfter: granted,
        byMemberId: memberIdOf(4),
        at: p.grantedAt,
      }),
    );
  }
  for (const e of records.flatMap((r) => r.creditLog)) {
    const balance = running.get(e.passId)! + e.delta;
    running.set(e.passId, balance);
    e.balanceAfter = balance;
  }
  const guests = c.guests.map((g, i) => ({
    memberId: i === 0 ? firstGuestId : idOf(GUEST_ID, i + 1),
    name: `Walk-in ${i + 1}`,
    contact: g.contact ? '+49 30 1234567' : null,
    addedAt: fromNow(-10 * 24 * 60),
    addedBy: memberIdOf(3),
    claimed: g.claimed,
    removed: g.removed,
  }));
  const ties = tiesOf(c.ties, members);
  for (const t of ties.filter((x) => !x.ended)) {
    const i = members.findIndex((m) => m.memberId === t.memberId);
    members[i] = {
      ...members[i]!,
      guardianId: t.guardianId,
      ...(t.kind === 'child' ? { child: true as const } : {}),
    };
  }
  const people = new Set([...members, ...guests].map((m) => m.memberId));
  const door: ClubState['door'] = {
    publicKey: c.door.hasKey ? clubKey.publicKey : null,
    passes: c.door.hasKey
      ? issuable.flatMap(({ pass }, i) =>
          pass && people.has(pass.memberId) ? [{ pass, revoked: c.door.revoked[i]! }] : [],
        )
      : [],
  };
  return {
    settings,
    members,
    trainingTypes,
    sessions,
    templates,
    passRequests,
    passes,
    grants,
    records,
    door,
    guests,
    ties,
  };
}

/** One tie per dependant, never to themselves, and no guardian is a dependant (no chains). */
function tiesOf(choices: ClubChoices['ties'], members: readonly PulledMember[]): ClubTie[] {
  const ties: ClubTie[] = [];
  for (const c of choices) {
    const dependant = members[c.dependant]!.memberId;
    const guardian = members[c.guardian]!.memberId;
    const taken = ties.some(
      (t) => t.memberId === dependant || t.memberId === guardian || t.guardianId === dependant,
    );
    if (dependant === guardian || taken) continue;
    ties.push({
      memberId: dependant,
      guardianId: guardian,
      kind: c.child ? 'child' : 'linked',
      ended: c.ended,
    });
  }
  return ties;
}
