import {
  aClubSettings,
  aMember,
  aNewCreditLogEntry,
  anAttendance,
  aPass,
  aSession,
  aSignup,
  memberIdOf,
} from '@turnout/shared/testing';
import { MAX_DEPENDANTS } from '@turnout/shared';
import { describe, expect, it } from 'vitest';
import { replicaOf, t } from '$lib/testing';
import {
  canAddDependant,
  familyOf,
  familyPlaces,
  familyPlaceSentence,
  guardianOf,
  nameWithGuardian,
} from './family';
import { myPasses } from './passes';
import { buildRoster } from './roster';

const MIA = memberIdOf(1);
const LENA = '50000000-0000-4000-8000-0000000000a1';
const MAX = '50000000-0000-4000-8000-0000000000a2';
const TOM = '50000000-0000-4000-8000-0000000000a3';
// The default session runs Tue 2025-03-11 18:00–19:00 Berlin (17:00Z).
const BEFORE = '2025-03-11T12:00:00Z';
const OPEN = '2025-03-11T16:50:00Z';

const members = [
  aMember({ memberId: MIA, name: 'Mia' }),
  aMember({ memberId: MAX, name: 'Max', guardianId: MIA, child: true, birthYear: 2017 }),
  aMember({ memberId: LENA, name: 'Lena', guardianId: MIA, child: true }),
  aMember({ memberId: TOM, name: 'Tom', guardianId: memberIdOf(2) }),
  aMember({ memberId: memberIdOf(2), name: 'Otto' }),
  aMember({ name: 'Gone', guardianId: MIA, child: true, removed: true }),
];
const session = aSession({ capacity: 2 });

describe("a guardian's family", () => {
  it('lists their own dependants by name, not removed ones nor others’', () => {
    const view = replicaOf({ members });
    expect(familyOf(view, MIA)).toEqual([
      { memberId: LENA, name: 'Lena', child: true, birthYear: null },
      { memberId: MAX, name: 'Max', child: true, birthYear: 2017 },
    ]);
    expect(familyOf(view, memberIdOf(2)).map((m) => m.name)).toEqual(['Tom']);
    expect(canAddDependant(familyOf(view, MIA))).toBe(true);
    const full = Array.from({ length: MAX_DEPENDANTS }, (_, i) => ({
      memberId: String(i),
      name: 'x',
      child: true,
      birthYear: null,
    }));
    expect(canAddDependant(full)).toBe(false);
  });

  it('names a dependant with their guardian', () => {
    const view = replicaOf({ members });
    const lena = view.tables.members.get(LENA);
    const tom = view.tables.members.get(TOM);
    expect(nameWithGuardian('Lena', lena, guardianOf(view, lena)?.name ?? null, t)).toBe(
      'Lena (Mia’s child)',
    );
    expect(nameWithGuardian('Tom', tom, guardianOf(view, tom)?.name ?? null, t)).toBe(
      'Tom (linked to Otto)',
    );
    expect(guardianOf(view, view.tables.members.get(MIA))).toBeNull();
  });

  it("offers each dependant's actions from their own place", () => {
    const view = replicaOf({
      members,
      sessions: [session],
      signups: [aSignup({ sessionId: session.id, memberId: LENA })],
      sessionCounts: [{ sessionId: session.id, occupancy: 1, going: 0, waitlisted: 0 }],
    });
    const settings = aClubSettings();
    const [lena, max] = familyPlaces(view, session, familyOf(view, MIA), settings, BEFORE);
    expect(lena).toMatchObject({
      canSignUp: false,
      canSignOut: true,
      asksGoing: false,
      canCheckIn: false,
    });
    expect(familyPlaceSentence(lena!.place, 'Lena', t)).toBe('Lena is signed up.');
    expect(max).toMatchObject({
      canSignUp: true,
      canSignOut: false,
      asksGoing: true,
      canCheckIn: false,
    });
    expect(familyPlaceSentence(max!.place, 'Max', t)).toBe('Max is not signed up.');

    const atDoor = familyPlaces(view, session, familyOf(view, MIA), settings, OPEN);
    expect(atDoor.map((p) => p.canCheckIn)).toEqual([true, true]);
  });

  it('says a checked-in child is in, with nothing more to do', () => {
    const view = replicaOf({
      members,
      sessions: [session],
      attendance: [anAttendance({ sessionId: session.id, memberId: MAX })],
    });
    const places = familyPlaces(view, session, familyOf(view, MIA), aClubSettings(), OPEN);
    const max = places.find((p) => p.member.memberId === MAX)!;
    expect(max).toMatchObject({ canCheckIn: false, canSignUp: false });
    expect(familyPlaceSentence(max.place, 'Max', t)).toBe('Max is checked in.');
  });

  it("puts the guardian on the host's roster row, and finds a child by the guardian's name", () => {
    const view = replicaOf({ members, sessions: [session] });
    const roster = buildRoster(view, session, aClubSettings(), 'en');
    const row = roster.people.find((p) => p.memberId === LENA);
    expect(row?.guardian).toEqual({ name: 'Mia', child: true });
    expect(row?.searchKey).toContain('mia');
  });

  it("says whom the guardian's pass paid for in its log", () => {
    const pass = aPass({ memberId: MIA });
    const checkIn = anAttendance({ sessionId: session.id, memberId: LENA });
    const mine = anAttendance({ sessionId: session.id, memberId: MIA });
    const entry = (attendanceId: string, id: string) => ({
      ...aNewCreditLogEntry({
        passId: pass.id,
        memberId: MIA,
        delta: -1,
        kind: 'charged_checkin',
        sessionId: session.id,
        attendanceId,
        byMemberId: MIA,
      }),
      id,
    });
    const view = replicaOf({
      members,
      sessions: [session],
      passes: [pass],
      attendance: [checkIn, mine],
      creditLog: [entry(checkIn.id, 'e1'), entry(mine.id, 'e2')],
    });
    const [shown] = myPasses(view, MIA, { locale: 'en', now: BEFORE });
    expect(shown!.log.map((l) => [l.entry.id, l.forName])).toEqual(
      expect.arrayContaining([
        ['e1', 'Lena'],
        ['e2', null],
      ]),
    );
  });
});
