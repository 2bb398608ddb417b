import type { Widen } from '../en';

/** The device's needs-attention list: refused or flagged offline actions. */
export const attentionEn = {
  title: 'Needs attention',
  intro:
    'Changes made on this device that the server refused, or accepted with a note. A refused change left no charge behind. Dismiss an item once you have read it.',
  empty:
    'Nothing needs attention: everything this device sent was accepted as it was. Refused or flagged changes would show up here.',
  count: '{count, plural, one {# item} other {# items}}',
  refused: 'Refused',
  flagged: 'Accepted with a note',
  done: 'Done on this device {time}',
  answered: 'Server answered {time}',
  dismiss: 'Dismiss',
  dismissLabel: 'Dismiss: {what}',
  dismissed: 'Dismissed.',
  aMember: 'a member',
  aSession: 'a session no longer on this device',
  aPass: 'a pass',
  sessionAt: '{title} ({when})',
  action: {
    going: 'Saying you are going to {session}',
    notGoing: 'Taking back “going” for {session}',
    signup: '{who, select, self {Your sign-up} other {Sign-up of {name}}} for {session}',
    signout: '{who, select, self {Your sign-out} other {Sign-out of {name}}} from {session}',
    checkin:
      '{who, select, self {Your check-in} other {Check-in of {name}}} for {session}{credits, plural, =0 {} =1 {} other { with # credits}}',
    void: 'Voiding {who, select, self {your check-in} other {the check-in of {name}}} for {session}',
    adjustCheckin:
      'Changing {who, select, self {your check-in} other {the check-in of {name}}} for {session} to {credits, plural, one {# credit} other {# credits}}',
    settle:
      'Charging {who, select, self {your unpaid check-in} other {the unpaid check-in of {name}}} for {session}',
    request: 'Your request for {pass}',
    rejectRequest: 'Declining a pass request',
    grant: 'Granting {pass} to {who, select, self {yourself} other {{name}}}',
    extend: 'Extending {pass} by {count, plural, one {# day} other {# days}}',
    addSessions: 'Adding {count, plural, one {# session} other {# sessions}} to {pass}',
    deactivate: 'Deactivating {pass}',
    reactivate: 'Reactivating {pass}',
    adjustPass: 'Adjusting {pass} by {delta}',
    createSession: 'Creating the session {session}',
    updateSession: 'Changing the session {session}',
    cancelSession: 'Cancelling the session {session}',
    series: 'Changing the weekly series {title}',
    template: 'Changing the pass template {pass}',
    trainingType: 'Changing the training types',
    settings: 'Changing the club settings',
    resolve: 'Resolving a needs-attention item',
    dismissGroup: 'Dismissing repeated refusals in needs attention',
    other: 'A change ({name})',
  },
  flag: {
    overCapacity: 'The session was full by then: the check-in was recorded over capacity.',
    unpaid:
      'There were no usable credits by then: the check-in was recorded as unpaid, and the club can charge it later.',
    waitlisted:
      'The session was full by then: the sign-up joined the waitlist instead of taking a place.',
    lateCancel:
      'It was less than {minutes, plural, one {# minute} other {# minutes}} before the start: the credit was not returned.',
  },
} as const;

export const attentionDe: Widen<typeof attentionEn> = {
  title: 'Braucht Aufmerksamkeit',
  intro:
    'Änderungen von diesem Gerät, die der Server abgelehnt oder mit einem Hinweis angenommen hat. Eine abgelehnte Änderung hat nichts abgebucht. Blende einen Eintrag aus, wenn du ihn gelesen hast.',
  empty:
    'Nichts braucht Aufmerksamkeit: Alles, was dieses Gerät gesendet hat, wurde so angenommen. Abgelehnte oder markierte Änderungen würden hier erscheinen.',
  count: '{count, plural, one {# Eintrag} other {# Einträge}}',
  refused: 'Abgelehnt',
  flagged: 'Mit Hinweis angenommen',
  done: 'Auf diesem Gerät erledigt {time}',
  answered: 'Antwort des Servers {time}',
  dismiss: 'Ausblenden',
  dismissLabel: 'Ausblenden: {what}',
  dismissed: 'Ausgeblendet.',
  aMember: 'ein Mitglied',
  aSession: 'ein Termin, der nicht mehr auf diesem Gerät ist',
  aPass: 'eine Karte',
  sessionAt: '{title} ({when})',
  action: {
    going: 'Zusage für {session}',
    notGoing: 'Zusage für {session} zurückgenommen',
    signup: '{who, select, self {Deine Anmeldung} other {Anmeldung von {name}}} zu {session}',
    signout: '{who, select, self {Deine Abmeldung} other {Abmeldung von {name}}} von {session}',
    checkin:
      '{who, select, self {Dein Check-in} other {Check-in von {name}}} für {session}{credits, plural, =0 {} =1 {} other { mit # Einheiten}}',
    void: 'Stornierung {who, select, self {deines Check-ins} other {des Check-ins von {name}}} für {session}',
    adjustCheckin:
      'Änderung {who, select, self {deines Check-ins} other {des Check-ins von {name}}} für {session} auf {credits, plural, one {# Einheit} other {# Einheiten}}',
    settle:
      'Abbuchung {who, select, self {deines unbezahlten Check-ins} other {des unbezahlten Check-ins von {name}}} für {session}',
    request: 'Dein Antrag für {pass}',
    rejectRequest: 'Ablehnung eines Kartenantrags',
    grant: 'Ausstellung von {pass} an {who, select, self {dich} other {{name}}}',
    extend: 'Verlängerung von {pass} um {count, plural, one {# Tag} other {# Tage}}',
    addSessions: '{count, plural, one {# Einheit} other {# Einheiten}} zu {pass} hinzufügen',
    deactivate: 'Deaktivierung von {pass}',
    reactivate: 'Reaktivierung von {pass}',
    adjustPass: 'Anpassung von {pass} um {delta}',
    createSession: 'Anlegen des Termins {session}',
    updateSession: 'Änderung des Termins {session}',
    cancelSession: 'Absage des Termins {session}',
    series: 'Änderung der Wochenserie {title}',
    template: 'Änderung der Kartenvorlage {pass}',
    trainingType: 'Änderung der Trainingsarten',
    settings: 'Änderung der Vereinseinstellungen',
    resolve: 'Erledigen eines Eintrags in „Braucht Aufmerksamkeit“',
    dismissGroup: 'Verwerfen wiederholter Ablehnungen in „Braucht Aufmerksamkeit“',
    other: 'Eine Änderung ({name})',
  },
  flag: {
    overCapacity: 'Der Termin war inzwischen voll: Der Check-in wurde über der Kapazität erfasst.',
    unpaid:
      'Es gab inzwischen kein nutzbares Guthaben: Der Check-in wurde als unbezahlt erfasst, der Verein kann ihn später abbuchen.',
    waitlisted:
      'Der Termin war inzwischen voll: Die Anmeldung kam auf die Warteliste statt auf einen Platz.',
    lateCancel:
      'Es war weniger als {minutes, plural, one {# Minute} other {# Minuten}} vor Beginn: Das Guthaben wurde nicht zurückgebucht.',
  },
};
