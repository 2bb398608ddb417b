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
  sessionReminder: 'Reminder: {session} starts on {when}. You have a place.',
  passExpiring:
    'Your pass {pass} is valid until {date} and still has {credits, plural, one {# credit} other {# credits}} left. Use {credits, plural, one {it} other {them}} before then.',
  unreadBadge: '{count} new',
  howTold: 'How you are told',
  howToldLink: 'Choose how you are told',
  choices: {
    title: 'How you are told',
    intro:
      'For each kind of news, choose where it reaches you: here in the app, by email, and as a notification on devices where you allowed it. Your choices count for every club you are in.',
    loading: 'Loading your choices…',
    offline:
      'You are offline. Your choices can be seen and changed when this device is online again.',
    mailOff:
      'This server does not send email, so the email choices have no effect here until its administrator sets up mail.',
    inApp: 'In the app',
    email: 'Email',
    push: 'Push',
    channelOf: '{channel} for “{kind}”',
    saving: 'Saving…',
    saved: 'Saved.',
    inAppOffHint: 'Turned off in the app: these no longer show on your notifications page.',
    back: 'Back to notifications',
    kinds: {
      promoted: 'Moved up from the waitlist',
      promotion_skipped: 'Waitlist turn missed for lack of credits',
      spot_open: 'A spot opened close to the start',
      session_cancelled: 'A session was cancelled',
      pass_granted: 'You got a pass',
      pass_request_rejected: 'A pass request was declined',
      session_reminder: 'Reminder before a session you signed up for',
      pass_expiring: 'A pass with credits left expires soon',
    },
  },
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
  sessionReminder: 'Erinnerung: {session} beginnt am {when}. Du hast einen Platz.',
  passExpiring:
    'Deine Karte {pass} gilt bis {date} und hat noch {credits, plural, one {# Einheit} other {# Einheiten}}. Nutze sie bis dahin.',
  unreadBadge: '{count} neu',
  howTold: 'Wie du benachrichtigt wirst',
  howToldLink: 'Wähle, wie du benachrichtigt wirst',
  choices: {
    title: 'Wie du benachrichtigt wirst',
    intro:
      'Wähle für jede Art von Neuigkeit, wo sie dich erreicht: hier in der App, per E-Mail und als Mitteilung auf Geräten, auf denen du es erlaubt hast. Deine Wahl gilt für alle deine Vereine.',
    loading: 'Deine Auswahl wird geladen…',
    offline:
      'Du bist offline. Deine Auswahl kannst du sehen und ändern, sobald dieses Gerät wieder online ist.',
    mailOff:
      'Dieser Server verschickt keine E-Mails. Die E-Mail-Auswahl wirkt hier erst, wenn die Administration den Mailversand einrichtet.',
    inApp: 'In der App',
    email: 'E-Mail',
    push: 'Push',
    channelOf: '{channel} für „{kind}“',
    saving: 'Wird gespeichert…',
    saved: 'Gespeichert.',
    inAppOffHint:
      'In der App ausgeschaltet: Diese erscheinen nicht mehr auf deiner Benachrichtigungsseite.',
    back: 'Zurück zu den Benachrichtigungen',
    kinds: {
      promoted: 'Von der Warteliste nachgerückt',
      promotion_skipped: 'Nachrücken mangels Guthaben verpasst',
      spot_open: 'Kurz vor Beginn ist ein Platz frei geworden',
      session_cancelled: 'Ein Termin wurde abgesagt',
      pass_granted: 'Du hast eine Karte bekommen',
      pass_request_rejected: 'Ein Kartenantrag wurde abgelehnt',
      session_reminder: 'Erinnerung vor einem Termin, für den du angemeldet bist',
      pass_expiring: 'Eine Karte mit Restguthaben läuft bald ab',
    },
  },
};
