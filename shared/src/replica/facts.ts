import {
  inCheckInOrder,
  inSignupOrder,
  memberSignupOf,
  placeRecordsOf,
  type FactSource,
} from '../judge/facts.js';
import type { PulledDoor } from '../protocol/sync.js';
import type { CreditUse } from '../rules/explain.js';
import { occupancy, waitlistOrder } from '../rules/occupancy.js';
import type { CreditLogEntry, Pass } from '../rules/types.js';
import type { Replica } from './replica.js';

const creditUseKinds = new Set(['charged_signup', 'charged_checkin']);

/** The revoked serials of a pulled club as a set, made once per pulled row. */
const revokedSets = new WeakMap<PulledDoor, Set<string>>();
function revokedSerials(door: PulledDoor): Set<string> {
  let set = revokedSets.get(door);
  if (!set) revokedSets.set(door, (set = new Set(door.revoked)));
  return set;
}

/** Latest use first, then by id: the order the server picks them in (FactsReader). */
function latestFirst(a: CreditLogEntry, b: CreditLogEntry): number {
  if (a.at !== b.at) return a.at < b.at ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * The local copy as the rules' fact source. A member's copy holds only their
 * own records, so counts come from the pulled `sessionCounts` (kept current
 * by the overlay) rather than from counting rows.
 */
export class ReplicaFacts implements FactSource {
  constructor(private readonly replica: Replica) {}

  get #t() {
    return this.replica.tables;
  }

  session(id: string) {
    return this.#t.sessions.get(id) ?? null;
  }

  series(id: string) {
    return this.#t.series.get(id) ?? null;
  }

  sessionsOfSeries(seriesId: string) {
    return this.#t.sessions.by('series', seriesId);
  }

  trainingType(id: string | null | undefined) {
    return id ? (this.#t.trainingTypes.get(id) ?? null) : null;
  }

  trainingTypes() {
    return [...this.#t.trainingTypes.values()];
  }

  intent(sessionId: string, memberId: string) {
    return this.#t.intents.get(`${sessionId}:${memberId}`) ?? null;
  }

  // A table's index gives rows in the order they reached this layer: the
  // lists the rules see are put in the order the server reads them.
  signups(sessionId: string) {
    return inSignupOrder(this.#signupsOf(sessionId));
  }

  attendance(sessionId: string) {
    return inCheckInOrder(this.#attendanceOf(sessionId));
  }

  #signupsOf(sessionId: string) {
    return this.#t.signups.by('session', sessionId);
  }

  #attendanceOf(sessionId: string) {
    return this.#t.attendance.by('session', sessionId);
  }

  memberSignup(sessionId: string, memberId: string) {
    return memberSignupOf(this.#signupsOf(sessionId), memberId);
  }

  memberAttendance(sessionId: string, memberId: string) {
    return this.#attendanceOf(sessionId).find((a) => a.memberId === memberId) ?? null;
  }

  occupancy(sessionId: string) {
    const counted = this.#t.sessionCounts.get(sessionId);
    return counted
      ? counted.occupancy
      : occupancy(this.#signupsOf(sessionId), this.#attendanceOf(sessionId));
  }

  waitlist(sessionId: string) {
    return waitlistOrder(this.#signupsOf(sessionId));
  }

  placeRecords(sessionId: string) {
    return placeRecordsOf(this.signups(sessionId), this.attendance(sessionId));
  }

  recentCreditUses(memberId: string): CreditUse[] {
    return this.#t.creditLog
      .by('member', memberId)
      .filter((e) => creditUseKinds.has(e.kind))
      .sort(latestFirst)
      .slice(0, 3)
      .map((e) => {
        const signup = e.signupId ? this.#t.signups.get(e.signupId) : undefined;
        const checkin = e.attendanceId ? this.#t.attendance.get(e.attendanceId) : undefined;
        return {
          kind: e.kind === 'charged_signup' ? ('signup' as const) : ('checkin' as const),
          sessionTitle: (e.sessionId && this.#t.sessions.get(e.sessionId)?.title) || 'a session',
          at: e.at,
          deviceLabel: (checkin ?? signup)?.deviceLabel ?? null,
        };
      });
  }

  passesOfMembers(memberIds: readonly string[]): Pass[] {
    return memberIds.flatMap((id) => this.#t.passes.by('member', id));
  }

  passesByIds(ids: readonly string[]): Pass[] {
    return ids.map((id) => this.#t.passes.get(id)).filter((p): p is Pass => p !== undefined);
  }

  passesOfTemplate(templateId: string) {
    return this.#t.passes.by('template', templateId);
  }

  pass(id: string) {
    return this.#t.passes.get(id) ?? null;
  }

  template(id: string) {
    return this.#t.templates.get(id) ?? null;
  }

  passRequest(id: string | undefined) {
    return id ? (this.#t.passRequests.get(id) ?? null) : null;
  }

  memberName(memberId: string): string | null {
    return this.#t.members.get(memberId)?.name ?? null;
  }

  isActiveMember(memberId: string) {
    const member = this.#t.members.get(memberId);
    return member !== undefined && !member.removed;
  }

  door() {
    return { clubId: this.replica.clubId, publicKey: this.replica.club?.door?.publicKey ?? null };
  }

  doorPassRevoked(serial: string) {
    const door = this.replica.club?.door;
    return door ? revokedSerials(door).has(serial) : false;
  }

  familyTie(memberId: string) {
    const guardianId = this.#t.members.get(memberId)?.guardianId;
    if (!guardianId) return null;
    return { guardianId, kind: this.#t.members.get(memberId)?.child ? 'child' : 'linked' } as const;
  }

  dependantsOf(guardianId: string) {
    return [...this.#t.members.values()]
      .filter((m) => m.guardianId === guardianId)
      .map((m) => m.memberId)
      .sort();
  }

  memberKind(memberId: string) {
    const member = this.#t.members.get(memberId);
    if (!member) return null;
    return member.guest ? ('guest' as const) : ('member' as const);
  }
}
