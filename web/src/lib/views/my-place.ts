import type { ClubSettings, Replica } from '@turnout/shared';
import type { Translate } from '$lib/i18n';
import type { SessionCard } from './sessions';

/**
 * Where I stand with a session, said once. A place (checked in, signed up,
 * waitlisted) outranks what I said about going: once I booked or came, "going"
 * says nothing more.
 */
export type MyPlace =
  | { kind: 'checked_in' }
  | { kind: 'signed_up' }
  | { kind: 'waitlisted'; rank: number | null }
  | { kind: 'going' }
  | { kind: 'not_going' }
  | { kind: 'none' };

/** What I answered to "are you going?": null while I said nothing. */
export type MyIntent = 'going' | 'not_going' | null;

export function myIntent(view: Replica, sessionId: string, memberId: string): MyIntent {
  const intent = view.tables.intents.get(`${sessionId}:${memberId}`);
  return intent ? (intent.going ? 'going' : 'not_going') : null;
}

/** A session's card and what I answered about going. */
export type PlaceFacts = Pick<SessionCard, 'myStatus' | 'waitlistRank'> & { myIntent: MyIntent };

export function myPlace(
  card: PlaceFacts,
  settings: Pick<ClubSettings, 'whosGoingEnabled'>,
): MyPlace {
  switch (card.myStatus) {
    case 'checked_in':
      return { kind: 'checked_in' };
    case 'signed_up':
      return { kind: 'signed_up' };
    case 'waitlisted':
      return { kind: 'waitlisted', rank: card.waitlistRank };
    default:
      // A club that switched "who's going" off keeps old answers; they are not shown.
      if (!settings.whosGoingEnabled || card.myIntent === null) return { kind: 'none' };
      return { kind: card.myIntent };
  }
}

/**
 * Whether "are you going?" is asked, and which answer is chosen. Asked only before the
 * start of a session that goes ahead, and only while I hold no place: after signing up
 * or checking in the question means nothing. Neither answer is chosen until I give one.
 */
export function goingQuestion(
  card: Pick<SessionCard, 'myStatus' | 'cancelled' | 'started'> & { myIntent: MyIntent },
  settings: Pick<ClubSettings, 'whosGoingEnabled'>,
): { asked: false } | { asked: true; answer: 'going' | 'not_going' | null } {
  const asked =
    settings.whosGoingEnabled && !card.cancelled && !card.started && card.myStatus === null;
  return asked ? { asked, answer: card.myIntent } : { asked: false };
}

/** The sentence on the session page. */
export function placeSentence(place: MyPlace, t: Translate): string {
  switch (place.kind) {
    case 'checked_in':
      return t('session.status.checkedIn');
    case 'signed_up':
      return t('session.status.signedUp');
    case 'waitlisted':
      return place.rank
        ? t('session.status.waitlistedAt', { rank: place.rank })
        : t('session.status.waitlisted');
    case 'going':
      return t('session.status.going');
    case 'not_going':
      return t('session.status.notGoing');
    case 'none':
      return t('session.status.none');
  }
}

/** The short badge on the sessions list; null when there is nothing of mine to show. */
export function placeBadge(place: MyPlace, t: Translate): string | null {
  switch (place.kind) {
    case 'checked_in':
      return t('sessions.statusCheckedIn');
    case 'signed_up':
      return t('sessions.statusSignedUp');
    case 'waitlisted':
      return place.rank
        ? t('sessions.statusWaitlistedAt', { rank: place.rank })
        : t('sessions.statusWaitlisted');
    case 'going':
      return t('sessions.statusGoing');
    case 'not_going':
    case 'none':
      return null;
  }
}
