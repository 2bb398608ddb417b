import {
  MAX_DEPENDANTS,
  type ClubSettings,
  type PulledMember,
  type Replica,
  type Session,
  type TimeInput,
} from '@turnout/shared';
import type { Translate } from '$lib/i18n';
import { myIntent, myPlace, type MyIntent, type MyPlace } from './my-place';
import { sessionCard } from './sessions';

/**
 * A guardian's family as the screens show it (docs/decisions.md
 * "Dependants"): the dependants on this device's member list, and where each
 * stands with a session. Pure: built from the device's copy.
 */

export interface FamilyMember {
  memberId: string;
  name: string;
  /** Added by the guardian without a login (else a linked account). */
  child: boolean;
  birthYear: number | null;
}

/** The guardian's dependants, by name. */
export function familyOf(view: Replica, guardianId: string, locale = 'en'): FamilyMember[] {
  const collator = new Intl.Collator(locale);
  return [...view.tables.members.values()]
    .filter((m) => m.guardianId === guardianId && !m.removed)
    .map((m) => ({
      memberId: m.memberId,
      name: m.name,
      child: m.child === true,
      birthYear: m.birthYear ?? null,
    }))
    .sort((a, b) => collator.compare(a.name, b.name) || (a.memberId < b.memberId ? -1 : 1));
}

/** Whether the guardian may add another child. */
export function canAddDependant(family: readonly FamilyMember[]): boolean {
  return family.length < MAX_DEPENDANTS;
}

/** The guardian of a member, when this device knows them. */
export function guardianOf(view: Replica, member: PulledMember | undefined): PulledMember | null {
  if (!member?.guardianId) return null;
  return view.tables.members.get(member.guardianId) ?? null;
}

/** "Lena (Mia's child)": a dependant under their own name, with their guardian. */
export function nameWithGuardian(
  name: string,
  member: PulledMember | undefined,
  guardianName: string | null,
  t: Translate,
): string {
  if (!member?.guardianId || !guardianName) return name;
  return t(member.child ? 'family.childOf' : 'family.dependantOf', {
    name,
    guardian: guardianName,
  });
}

/** What a guardian can do for one dependant on one session now. */
export interface FamilyPlace {
  member: FamilyMember;
  place: MyPlace;
  intent: MyIntent;
  canSignUp: boolean;
  canSignOut: boolean;
  /** Whether "going" is asked for them (before start, no place held). */
  asksGoing: boolean;
  canCheckIn: boolean;
  /** The session is full: signing up joins the waitlist. */
  full: boolean;
}

/**
 * Each dependant's place in a session and the actions the guardian is
 * offered for them — the same conditions as their own (the rules decide;
 * this only hides what would surely be refused).
 */
export function familyPlaces(
  view: Replica,
  session: Session,
  family: readonly FamilyMember[],
  settings: ClubSettings,
  now: TimeInput,
): FamilyPlace[] {
  return family.map((member) => {
    const card = sessionCard(view, session, member.memberId, settings, now);
    const intent = myIntent(view, session.id, member.memberId);
    const place = myPlace({ ...card, myIntent: intent }, settings);
    const open = !card.cancelled && !card.started;
    const holds = card.myStatus === 'signed_up' || card.myStatus === 'waitlisted';
    return {
      member,
      place,
      intent,
      canSignUp: open && settings.signupsEnabled && card.myStatus === null,
      canSignOut: open && holds,
      asksGoing: open && settings.whosGoingEnabled && card.myStatus === null,
      canCheckIn: card.checkInOpen && card.myStatus !== 'checked_in',
      full: card.spotsLeft !== null && card.spotsLeft <= 0,
    };
  });
}

/** The sentence for a dependant's place ("Lena is signed up."). */
export function familyPlaceSentence(place: MyPlace, name: string, t: Translate): string {
  switch (place.kind) {
    case 'checked_in':
      return t('family.place.checkedIn', { name });
    case 'signed_up':
      return t('family.place.signedUp', { name });
    case 'waitlisted':
      return place.rank
        ? t('family.place.waitlistedAt', { name, rank: place.rank })
        : t('family.place.waitlisted', { name });
    case 'going':
      return t('family.place.going', { name });
    case 'not_going':
      return t('family.place.notGoing', { name });
    case 'none':
      return t('family.place.none', { name });
  }
}
