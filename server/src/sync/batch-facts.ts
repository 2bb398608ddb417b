import type { Effects, FactSource, FamilyTie, Session } from '@turnout/shared';
import type { FactsReader } from '../repositories/facts.repository.js';
import type { MemberRecords } from './records.js';

/** Sessions by id for one batch: read once, replaced when the batch writes them. */
export class SessionCache {
  readonly #rows = new Map<string, Session | null>();

  constructor(private readonly facts: FactsReader) {}

  get(id: string): Session | null {
    let session = this.#rows.get(id);
    if (session === undefined) this.#rows.set(id, (session = this.facts.session(id)));
    return session;
  }

  written(sessions: readonly Session[]): void {
    for (const s of sessions) this.#rows.set(s.id, s);
  }
}

/** Who held a place before a write, per session and member it touches (undefined: not known). */
type PlacesBefore = Map<string, Map<string, boolean | undefined>>;

/**
 * Occupancy by session for one batch: read once (the database keeps it:
 * `session_counts`), then moved by the places the batch's own writes take
 * or give up, judged from the members' records before and after the write.
 * A check-in of a batch of 500 at one session would otherwise read the
 * count 500 times. Where a record is not known, the count is read again.
 */
export class OccupancyCache {
  readonly #counts = new Map<string, number>();

  constructor(
    private readonly facts: FactsReader,
    private readonly records: MemberRecords,
  ) {}

  get(sessionId: string): number {
    let count = this.#counts.get(sessionId);
    if (count === undefined) this.#counts.set(sessionId, (count = this.facts.occupancy(sessionId)));
    return count;
  }

  /** Before the records take in a write: who held a place where it writes. */
  placesBefore(effects: Pick<Effects, 'signups' | 'attendance' | 'sessions'>): PlacesBefore {
    const before: PlacesBefore = new Map();
    for (const { sessionId, memberId } of [...effects.signups, ...effects.attendance]) {
      if (!this.#counts.has(sessionId)) continue;
      let members = before.get(sessionId);
      if (!members) before.set(sessionId, (members = new Map()));
      if (!members.has(memberId))
        members.set(memberId, this.records.holdsPlace(sessionId, memberId));
    }
    // A session rewritten (cancelled, moved): its count is read again.
    for (const session of effects.sessions) before.set(session.id, new Map([['', undefined]]));
    return before;
  }

  /** After the records took the write in: the counts follow. */
  written(before: PlacesBefore): void {
    for (const [sessionId, members] of before) {
      let count = this.#counts.get(sessionId);
      for (const [memberId, held] of members) {
        const holds = memberId === '' ? undefined : this.records.holdsPlace(sessionId, memberId);
        if (count === undefined || held === undefined || holds === undefined) {
          count = undefined;
          break;
        }
        count += Number(holds) - Number(held);
      }
      if (count === undefined) this.#counts.delete(sessionId);
      else this.#counts.set(sessionId, count);
    }
  }
}

/**
 * The server's side of `FactSource`: one push batch of one club. Facts are
 * read inside the push transaction, synchronously, from the club's prepared
 * statements (FactsReader); what many mutations of a batch ask again and
 * again — sessions, occupancy, the records of the members it names, whether
 * a member belongs to the club — comes from caches read ahead for the batch
 * and kept current with what the batch writes. The rules and the fact
 * reading are the shared ones (`judgeMutation`), exactly as on a device.
 */
export class BatchFacts implements FactSource {
  #door: { clubId: string; publicKey: string | null } | undefined;
  readonly #ties = new Map<string, FamilyTie | null>();

  constructor(
    private readonly facts: FactsReader,
    private readonly sessions: SessionCache,
    private readonly records: MemberRecords,
    private readonly occupancies: OccupancyCache,
    /** Active membership of member ids named in this batch (ClubBatch keeps it current). */
    private readonly members: Map<string, boolean>,
  ) {}

  session(id: string) {
    return this.sessions.get(id);
  }
  series(id: string) {
    return this.facts.series(id);
  }
  sessionsOfSeries(seriesId: string) {
    return this.facts.sessionsOfSeries(seriesId);
  }
  trainingType(id: string | null | undefined) {
    return this.facts.trainingType(id);
  }
  trainingTypes() {
    return this.facts.trainingTypes();
  }
  intent(sessionId: string, memberId: string) {
    return this.facts.intent(sessionId, memberId);
  }
  signups(sessionId: string) {
    return this.facts.signups(sessionId);
  }
  attendance(sessionId: string) {
    return this.facts.attendance(sessionId);
  }
  memberSignup(sessionId: string, memberId: string) {
    return this.records.signup(sessionId, memberId);
  }
  memberAttendance(sessionId: string, memberId: string) {
    return this.records.attendance(sessionId, memberId);
  }
  occupancy(sessionId: string) {
    return this.occupancies.get(sessionId);
  }
  waitlist(sessionId: string) {
    return this.facts.waitlist(sessionId);
  }
  placeRecords(sessionId: string) {
    return this.facts.placeRecords(sessionId);
  }
  recentCreditUses(memberId: string) {
    return this.facts.recentCreditUses(memberId);
  }
  passesOfMembers(memberIds: readonly string[]) {
    // One member's passes (every check-in asks) come from the batch's records.
    if (memberIds.length === 1) return this.records.passes(memberIds[0]!);
    return this.facts.passesOfMembers(memberIds);
  }
  passesByIds(ids: readonly string[]) {
    return this.facts.passesByIds(ids);
  }
  passesOfTemplate(templateId: string) {
    return this.facts.passesOfTemplate(templateId);
  }
  pass(id: string) {
    return this.facts.pass(id);
  }
  template(id: string) {
    return this.facts.template(id);
  }
  passRequest(id: string | undefined) {
    return this.facts.passRequest(id);
  }
  door() {
    // Read once per batch: the key does not change inside a push.
    this.#door ??= this.facts.door();
    return this.#door;
  }
  doorPassRevoked(serial: string) {
    return this.facts.doorPassRevoked(serial);
  }
  isActiveMember(memberId: string) {
    let known = this.members.get(memberId);
    // Not a member may become one inside the batch: a walk-in recorded by an earlier mutation.
    if (known !== true) {
      known = this.facts.isActiveMember(memberId);
      this.members.set(memberId, known);
    }
    return known;
  }
  memberName(memberId: string) {
    return this.facts.memberName(memberId);
  }
  memberKind(memberId: string) {
    return this.facts.memberKind(memberId);
  }
  familyTie(memberId: string) {
    // Asked by every check-in and sign-up (whose passes pay after the member's own?): once per member.
    let tie = this.#ties.get(memberId);
    if (tie === undefined) this.#ties.set(memberId, (tie = this.facts.familyTie(memberId)));
    return tie;
  }
  /** Ties read ahead for the batch (a later write of one is read again: tieWritten). */
  tiesRead(ties: ReadonlyMap<string, FamilyTie | null>): void {
    for (const [memberId, tie] of ties)
      if (!this.#ties.has(memberId)) this.#ties.set(memberId, tie);
  }
  /** A tie the batch wrote: read again when next asked. */
  tieWritten(memberId: string): void {
    this.#ties.delete(memberId);
  }
  dependantsOf(guardianId: string) {
    return this.facts.dependantsOf(guardianId);
  }
  refusedCheckIn(id: string) {
    return this.facts.refusedCheckIn(id);
  }
  attentionItem(id: string) {
    return this.facts.attentionItem(id);
  }
  attentionResolution(itemId: string) {
    return this.facts.attentionResolution(itemId);
  }
  attentionGroup(itemId: string) {
    return this.facts.attentionGroup(itemId);
  }
}
