import type { Widen } from '../en';

/** The member's notifications. */
export const notificationsEn = {
  title: 'Notifications',
  empty:
    'No notifications yet. News about your waitlist places, cancelled sessions and your passes and requests shows up here.',
  unread: '{count, plural, =0 {Nothing new} one {# new notification} other {# new notifications}}',
  new: 'New',
  perDevice: 'Read and unread are remembered on this device only.',
  openSession: 'Open {session}',
  aSession: 'a session',
  unknownTime: 'a time not on this device',
  aPass: 'a pass',
  promoted:
    'You moved up from the waitlist: you have a place in {session} on {when}.{credits, plural, =0 {} one { # credit was charged.} other { # credits were charged.}}',
  promotionSkipped:
    'Your turn on the waitlist for {session} on {when} came, but you had no usable credits, so you are still waiting. Get a pass to be able to move up.',
  spotOpen:
    'A spot opened in {session} on {when}. It is close to the start, so it was not given out automatically: sign up yourself if you still want it.',
  sessionCancelled:
    '{session} on {when} was cancelled. Any credits it had charged were returned to your passes.',
  sessionCancelledReason:
    '{session} on {when} was cancelled: {reason}. Any credits it had charged were returned to your passes.',
  passGranted: 'You got a new pass: {pass}, valid until {date}.',
  passGrantedSomehow: 'You got a new pass: {pass}.',
  requestRejected: 'Your request for {pass} was declined.',
  requestRejectedReason: 'Your request for {pass} was declined: {reason}',
  unknownKind: 'A notification this version of the app cannot show yet. Update the app to see it.',
} as const;

export const notificationsDe: Widen<typeof notificationsEn> = {
  title: 'Benachrichtigungen',
  empty:
    'Noch keine Benachrichtigungen. Neuigkeiten zu deinen Wartelistenplätzen, abgesagten Terminen, deinen Karten und Anträgen erscheinen hier.',
  unread:
    '{count, plural, =0 {Nichts Neues} one {# neue Benachrichtigung} other {# neue Benachrichtigungen}}',
  new: 'Neu',
  perDevice: 'Gelesen und ungelesen merkt sich nur dieses Gerät.',
  openSession: '{session} öffnen',
  aSession: 'ein Termin',
  unknownTime: 'einem Zeitpunkt, der nicht auf diesem Gerät ist',
  aPass: 'eine Karte',
  promoted:
    'Du bist von der Warteliste nachgerückt: Du hast einen Platz in {session} am {when}.{credits, plural, =0 {} one { # Einheit wurde abgebucht.} other { # Einheiten wurden abgebucht.}}',
  promotionSkipped:
    'Du warst auf der Warteliste für {session} am {when} an der Reihe, hattest aber kein nutzbares Guthaben und wartest deshalb weiter. Mit einer Karte kannst du nachrücken.',
  spotOpen:
    'In {session} am {when} ist ein Platz frei geworden. So kurz vor Beginn wird er nicht automatisch vergeben: Melde dich selbst an, wenn du ihn noch möchtest.',
  sessionCancelled:
    '{session} am {when} wurde abgesagt. Abgebuchtes Guthaben wurde deinen Karten zurückgebucht.',
  sessionCancelledReason:
    '{session} am {when} wurde abgesagt: {reason}. Abgebuchtes Guthaben wurde deinen Karten zurückgebucht.',
  passGranted: 'Du hast eine neue Karte: {pass}, gültig bis {date}.',
  passGrantedSomehow: 'Du hast eine neue Karte: {pass}.',
  requestRejected: 'Dein Antrag für {pass} wurde abgelehnt.',
  requestRejectedReason: 'Dein Antrag für {pass} wurde abgelehnt: {reason}',
  unknownKind:
    'Eine Benachrichtigung, die diese Version der App noch nicht anzeigen kann. Aktualisiere die App, um sie zu sehen.',
};
