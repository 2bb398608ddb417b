import { buildClub, type ClubChoices, type ClubState } from './club-state.js';
import type { MutationChoice } from './mutations.js';

/**
 * Fixed cases for the parity property (server/src/sync/parity.property.test.ts),
 * run before its random ones: each reaches, every time, a fact that random
 * clubs reach only now and then, so a server reading that fact wrongly is
 * caught on every run rather than on some.
 */

type Example = [ClubState, MutationChoice[]];

/** The defaults of spec §2 where a choice is not the point. */
const settings: ClubChoices['settings'] = {
  creditPolicy: 'at_checkin',
  signupsEnabled: true,
  waitlistEnabled: true,
  lateCancelMinutes: 0,
  whosGoingEnabled: true,
  multiCreditEnabled: false,
  maxCreditsPerCheckIn: 1,
  checkInOpensMinutesBefore: 30,
  checkInGraceMinutes: 30,
  backfillWindowDays: 7,
  hostsCanBackfill: true,
  hostsCanManageSessions: true,
  hostsCanManagePasses: false,
  hostOverCapacity: 'flag',
  hostWithoutCredits: 'flag',
};

const record = {
  credits: 1,
  unpaid: 0,
  intent: null,
  slot: 0,
  byHost: true,
} as const;

/**
 * Mia holds a membership by time (no weekly cap) that already paid one
 * session this week (one that started 90 minutes ago); she is signed up for
 * the next one, starting in 15 minutes, and the owner checks her in. Both
 * sides must charge the same pass and count it as her week's second use —
 * a server that forgets the week's uses counts it as the first.
 */
export const timePassUsedThisWeek: Example = [
  buildClub({
    settings,
    removed: [false, false, false, false],
    archivedType: false,
    sessions: [
      { start: -90, capacity: null, creditCost: 1, cancelled: false, trainingType: null },
      { start: 15, capacity: null, creditCost: 1, cancelled: false, trainingType: null },
    ],
    templates: [{ sessions: 1, time: null, validityDays: 30, trainingType: null, deleted: false }],
    passes: [
      {
        member: 0,
        template: 0,
        grantedDaysAgo: 10,
        expiresInDays: 10,
        active: true,
        balance: 0,
      },
    ],
    requests: [],
    records: [
      { ...record, session: 0, member: 0, signup: 'none', attendance: 'valid' },
      { ...record, session: 1, member: 0, signup: 'active', attendance: 'none' },
    ],
    door: { hasKey: false, revoked: [] },
    guests: [],
    ties: [],
  }),
  [
    {
      name: 'checkin.create',
      who: 'owner',
      // The first (and only) pair not checked in yet: Mia in the next session.
      target: 0,
      other: 0,
      c: 0,
      flag: false,
      when: { from: 'now', minutes: 0 },
      device: 'Front desk',
      code: 0,
      shown: 0,
    },
  ],
];

/**
 * One place left: the owner checks Mia in, then Noah, in one batch, at a
 * session of capacity 1 starting in 15 minutes. The second check-in is over
 * capacity (flagged: `hostOverCapacity`). A server whose count of places
 * does not follow the batch's own first check-in lets Noah in unflagged.
 */
export const lastPlaceTakenInBatch: Example = [
  buildClub({
    settings,
    removed: [false, false, false, false],
    archivedType: false,
    sessions: [{ start: 15, capacity: 1, creditCost: 1, cancelled: false, trainingType: null }],
    templates: [{ sessions: 5, time: null, validityDays: 30, trainingType: null, deleted: false }],
    passes: ([0, 1] as const).map((member) => ({
      member,
      template: 0,
      grantedDaysAgo: 1,
      expiresInDays: 10,
      active: true,
      balance: 3,
    })),
    requests: [],
    records: ([0, 1] as const).map((member) => ({
      ...record,
      session: 0,
      member,
      signup: 'none' as const,
      attendance: 'none' as const,
    })),
    door: { hasKey: false, revoked: [] },
    guests: [],
    ties: [],
  }),
  [0, 1].map((target) => ({
    name: 'checkin.create' as const,
    who: 'owner' as const,
    target,
    other: 0,
    c: 0,
    flag: false,
    when: { from: 'now' as const, minutes: 0 },
    device: 'Front desk',
    code: 0,
    shown: 0,
  })),
];
