import { describe, expect, it } from 'vitest';
import type { FactSource } from '../judge/facts.js';
import type { Role } from '../roles.js';
import { aClubSettings, aContext, CLUB, uuid } from '../testing/index.js';
import {
  judgeMutation,
  mutationDefinitions,
  mutationNames,
  parseMutationArgs,
  type MutationArgsInput,
  type MutationName,
} from './index.js';

/**
 * The authorization matrix, derived from each definition's `who` and held
 * against the rules: a sender the definition leaves out is refused
 * `not_permitted` before anything else is looked at; one it lets in is never
 * refused `not_permitted` for acting for themselves (they may still meet
 * `not_found` here: the club below holds nothing).
 */
const empty: FactSource = {
  session: () => null,
  series: () => null,
  sessionsOfSeries: () => [],
  trainingType: () => null,
  trainingTypes: () => [],
  intent: () => null,
  signups: () => [],
  attendance: () => [],
  memberSignup: () => null,
  memberAttendance: () => null,
  occupancy: () => 0,
  waitlist: () => [],
  placeRecords: () => [],
  recentCreditUses: () => [],
  passesOfMembers: () => [],
  passesByIds: () => [],
  passesOfTemplate: () => [],
  pass: () => null,
  template: () => null,
  passRequest: () => null,
  isActiveMember: () => true,
  door: () => ({ clubId: CLUB, publicKey: null }),
  doorPassRevoked: () => false,
  memberName: () => null,
  memberKind: () => null,
  familyTie: () => null,
  dependantsOf: () => [],
  attentionItem: () => null,
  attentionResolution: () => null,
  attentionGroup: () => null,
  refusedCheckIn: () => null,
};

const id = () => uuid();
const start = '2030-01-01T10:00:00Z';
const end = '2030-01-01T11:00:00Z';
/** Valid args for each mutation, for the sender themselves (no memberId of someone else). */
const args: { [N in MutationName]: () => MutationArgsInput<N> } = {
  'session.create': () => ({ sessionId: id(), title: 'Yoga', startsAt: start, endsAt: end }),
  'session.update': () => ({ sessionId: id(), title: 'Yoga' }),
  'session.cancel': () => ({ sessionId: id() }),
  'series.create': () => ({
    seriesId: id(),
    title: 'Run',
    weekdays: [1],
    startTime: '07:00',
    durationMinutes: 30,
    fromDate: '2030-01-01',
    untilDate: '2030-01-31',
  }),
  'series.update': () => ({ seriesId: id(), title: 'Run' }),
  'trainingType.create': () => ({ trainingTypeId: id(), name: 'Yoga' }),
  'trainingType.rename': () => ({ trainingTypeId: id(), name: 'Yin' }),
  'trainingType.archive': () => ({ trainingTypeId: id() }),
  'intent.set': () => ({ sessionId: id(), going: true }),
  'signup.create': () => ({ sessionId: id() }),
  'signup.cancel': () => ({ sessionId: id() }),
  'checkin.create': () => ({ sessionId: id() }),
  'checkin.byCode': () => ({ sessionId: id(), code: 'not a code' }),
  'checkin.void': () => ({ sessionId: id(), memberId: id() }),
  'checkin.adjust': () => ({ sessionId: id(), memberId: id(), credits: 2 }),
  'checkin.settle': () => ({ sessionId: id(), memberId: id() }),
  'checkin.reinstate': () => ({ itemId: id(), sessionId: id(), memberId: id() }),
  'guest.checkIn': () => ({
    guestId: id(),
    sessionId: id(),
    name: 'Ana Walk-in',
    visit: 'drop_in',
    payment: 'cash',
  }),
  'template.create': () => ({
    templateId: id(),
    names: { en: 'Card' },
    sessions: 10,
    priceMinor: 100,
    currency: 'EUR',
    validityDays: 30,
  }),
  'template.update': () => ({ templateId: id(), sessions: 5 }),
  'template.delete': () => ({ templateId: id() }),
  'pass.grant': () => ({ passId: id(), memberId: id(), templateId: id() }),
  'pass.extend': () => ({ passId: id(), days: 5 }),
  'pass.addSessions': () => ({ passId: id(), sessions: 5 }),
  'pass.setActive': () => ({ passId: id(), active: false }),
  'pass.adjust': () => ({ passId: id(), delta: 1, reason: 'Gift' }),
  'passRequest.create': () => ({ requestId: id(), templateId: id() }),
  'passRequest.reject': () => ({ requestId: id() }),
  'passRequest.withdraw': () => ({ requestId: id() }),
  'club.updateSettings': () => ({ lateCancelMinutes: 60 }),
  'attention.resolve': () => ({ itemId: id(), resolution: 'dismissed' }),
  'attention.dismissGroup': () => ({ itemId: id() }),
  'dependant.add': () => ({ dependantId: id(), name: 'Lena', birthYear: 2016 }),
  'dependant.remove': () => ({ dependantId: id() }),
};

function judged(name: MutationName, role: Role, hostSettingOn: boolean) {
  const parsed = parseMutationArgs(name, args[name]());
  if (!parsed.ok) throw new Error(`${name}: ${JSON.stringify(parsed.issues)}`);
  const ctx = aContext({
    role,
    settings: aClubSettings({
      hostsCanManageSessions: hostSettingOn,
      hostsCanManagePasses: hostSettingOn,
    }),
  });
  return judgeMutation(empty, ctx, parsed.name, parsed.args);
}

describe('who may send each mutation', () => {
  for (const name of mutationNames) {
    const { who } = mutationDefinitions[name];
    it(`${name}: as its definition says`, () => {
      const code = (role: Role, on: boolean) => {
        const d = judged(name, role, on);
        return d.ok ? 'applied' : d.code;
      };
      expect(code('owner', false)).not.toBe('not_permitted');
      if (who.member) expect(code('member', false)).not.toBe('not_permitted');
      else expect(code('member', true)).toBe('not_permitted');
      if (who.host === true) expect(code('host', false)).not.toBe('not_permitted');
      else if (who.host) {
        expect(code('host', false)).toBe('not_permitted');
        expect(code('host', true)).not.toBe('not_permitted');
      } else expect(code('host', true)).toBe('not_permitted');
    });
  }
});
