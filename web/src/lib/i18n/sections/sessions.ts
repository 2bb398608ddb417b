import type { Widen } from '../en';

/** The sessions list (home). */
export const sessionsEn = {
  title: 'Sessions',
  upcoming: 'What’s on',
  hello: 'Hello, {name}',
  empty: 'Nothing is scheduled in the next four weeks.',
  emptyHost:
    'Nothing is scheduled in the next four weeks. Sessions created by the club appear here.',
  loading: 'Loading sessions…',
  today: 'Today',
  tomorrow: 'Tomorrow',
  time: '{start}–{end}',
  spotsLeft: '{count, plural, =0 {Full} one {# spot left} other {# spots left}}',
  unlimited: 'No limit',
  going: '{count, plural, =0 {Nobody going yet} one {# going} other {# going}}',
  checkInOpen: 'Check-in open',
  cancelled: 'Cancelled',
  statusCheckedIn: 'Checked in',
  statusSignedUp: 'Signed up',
  statusWaitlisted: 'On the waitlist',
  statusGoing: 'You’re going',
  pendingSync: 'waiting to sync',
  open: 'Open {title}',
  noClubs:
    'Your account is not a member of any club (any more). Open an invitation link from your club to join.',
} as const;

export const sessionsDe: Widen<typeof sessionsEn> = {
  title: 'Termine',
  upcoming: 'Was läuft',
  hello: 'Hallo, {name}',
  empty: 'In den nächsten vier Wochen ist nichts geplant.',
  emptyHost:
    'In den nächsten vier Wochen ist nichts geplant. Termine, die der Verein anlegt, erscheinen hier.',
  loading: 'Termine werden geladen…',
  today: 'Heute',
  tomorrow: 'Morgen',
  time: '{start}–{end}',
  spotsLeft: '{count, plural, =0 {Ausgebucht} one {# Platz frei} other {# Plätze frei}}',
  unlimited: 'Keine Begrenzung',
  going: '{count, plural, =0 {Noch niemand dabei} one {# dabei} other {# dabei}}',
  checkInOpen: 'Check-in offen',
  cancelled: 'Abgesagt',
  statusCheckedIn: 'Eingecheckt',
  statusSignedUp: 'Angemeldet',
  statusWaitlisted: 'Auf der Warteliste',
  statusGoing: 'Du bist dabei',
  pendingSync: 'wartet auf Synchronisierung',
  open: '{title} öffnen',
  noClubs:
    'Dein Konto gehört (nicht mehr) zu einem Verein. Öffne einen Einladungslink deines Vereins, um beizutreten.',
};
