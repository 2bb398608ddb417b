import type { Widen } from '../en';

/** The organizer's sessions and weekly series pages. */
export const manageSessionsEn = {
  title: 'Manage sessions',
  intro:
    'One-off sessions and the sessions of weekly series. Times are in the club’s time zone, {timezone}.',
  seriesLink: 'Regular classes? Create a weekly series',
  newSession: 'New session',
  loading: 'Loading sessions…',
  upcoming: 'Upcoming',
  recent: 'Ended in the last two weeks',
  noUpcoming:
    'No sessions are coming up. Create a session, or a weekly series for classes that happen every week.',
  noRecent: 'No sessions ended in the last two weeks.',
  showMore: 'Show {count} more',
  when: '{day}, {start}–{end}',
  places: '{taken} of {capacity} places taken',
  placesUnlimited:
    '{taken, plural, =0 {No places taken} one {# place taken} other {# places taken}} · no limit',
  waiting: '{count} on the waitlist',
  cancelled: 'Cancelled',
  cancelledReason: 'Cancelled: {reason}',
  inSeries: 'Weekly series',
  started: 'Under way',
  ended: 'Ended',
  edit: 'Edit',
  editLabel: 'Edit {title}, {when}',
  cancel: 'Cancel session',
  cancelLabel: 'Cancel {title}, {when}',
  form: {
    createTitle: 'New session',
    editTitle: 'Edit “{title}”',
    title: 'Title',
    date: 'Date',
    startTime: 'Starts',
    endTime: 'Ends',
    timeHint: 'In the club’s time zone, {timezone}.',
    length: 'Lasts {hours} h {minutes} min.',
    endsNextDay: 'Ends the next day, {date}.',
    capacity: 'Places',
    capacityHint: 'Leave empty for no limit.',
    creditCost: 'Credits per place',
    creditCostHint: 'What a place costs from a member’s pass (0 = free).',
    location: 'Location',
    description: 'Description',
    trainingType: 'Training type',
    noTrainingType: 'None',
    trainingTypeHint:
      'Passes can be limited to some training types; such a pass pays only for sessions of its types.',
    archivedType: '{name} (archived)',
    seriesNote:
      'This session belongs to the weekly series “{title}”. Changes here apply to this session only; a later change to the series replaces them.',
    startedNote:
      'This session has already started. Changes apply to the record of it; places already paid are not charged again.',
    create: 'Create session',
    save: 'Save changes',
    created: 'Session “{title}” created for {when}.',
    saved: 'Changes to “{title}” saved.',
  },
  cancelDialog: {
    title: 'Cancel “{title}” on {when}?',
    holders:
      '{count, plural, =0 {Nobody holds a place.} one {# person holds a place.} other {# people hold a place.}}',
    waiting:
      '{count, plural, one {# person is on the waitlist.} other {# people are on the waitlist.}}',
    credits:
      '{count, plural, =0 {No credits were charged for it yet.} one {# credit goes back to the pass that paid it.} other {# credits go back to the passes that paid them.}}',
    effect:
      'Every credit charged for this session is returned, and everyone holding a place or waiting is notified.',
    reason: 'Reason',
    reasonHint: 'Optional. The people notified see it.',
    confirm: 'Yes, cancel session',
    keep: 'Keep session',
    done: '“{title}” on {when} is cancelled. {count, plural, =0 {Nobody held a place.} one {# person is notified and gets their credits back.} other {# people are notified and get their credits back.}}',
  },
  series: {
    title: 'Weekly series',
    intro:
      'Pick the weekdays, the time and the dates, and Turnout creates every session of the series. Times are in the club’s time zone, {timezone}.',
    sessionsLink: 'All sessions',
    newSeries: 'New weekly series',
    list: 'Series',
    loading: 'Loading series…',
    empty: 'No weekly series yet. Create one for classes that happen every week.',
    schedule: '{days} · {time} · {duration} min',
    range: '{from} to {until}',
    next: 'Next sessions',
    noneLeft: 'No sessions left to come: the series has ended.',
    remaining: '{count, plural, one {# session to come} other {# sessions to come}}',
    edit: 'Edit series',
    editLabel: 'Edit series {title}',
    form: {
      createTitle: 'New weekly series',
      editTitle: 'Edit series “{title}”',
      weekdays: 'Weekdays',
      startTime: 'Starts at',
      duration: 'Length in minutes',
      fromDate: 'First date',
      untilDate: 'Last date',
      untilHint: 'At most two years after the first date.',
      futureOnly:
        'Changes apply only to sessions that have not started yet. Past and started sessions stay as they were, cancelled ones stay cancelled, and one-off edits of future sessions are replaced by the series’ details.',
      preview:
        '{count, plural, =0 {These weekdays and dates give no sessions.} one {Creates # session, on {first}.} other {Creates # sessions, from {first} to {last}.}}',
      previewPast:
        '{count, plural, one {# of them is already in the past; attendance can still be recorded for it.} other {# of them are already in the past; attendance can still be recorded for them.}}',
      impactChanged:
        '{count, plural, =0 {No future session changes.} one {# future session takes the changes.} other {# future sessions take the changes.}}',
      impactAdded:
        '{count, plural, one {# new session is added.} other {# new sessions are added.}}',
      impactRemoved:
        '{count, plural, one {# future session no longer fits the schedule and is cancelled.} other {# future sessions no longer fit the schedule and are cancelled.}}',
      impactRemovedPeople:
        '{count, plural, =0 {Nobody holds a place in them.} one {# person holding a place is notified and gets their credits back.} other {# people holding places are notified and get their credits back.}}',
      confirmRemoval: 'Save and cancel {count, plural, one {# session} other {# sessions}}',
      create: 'Create series',
      save: 'Save changes to future sessions',
      created: 'Series “{title}” created with {count, plural, one {# session} other {# sessions}}.',
      saved: 'Series “{title}” saved; its future sessions are updated.',
    },
  },
} as const;

export const manageSessionsDe: Widen<typeof manageSessionsEn> = {
  title: 'Termine verwalten',
  intro:
    'Einzeltermine und die Termine wöchentlicher Serien. Zeiten gelten in der Zeitzone des Vereins, {timezone}.',
  seriesLink: 'Regelmäßige Kurse? Lege eine wöchentliche Serie an',
  newSession: 'Neuer Termin',
  loading: 'Termine werden geladen…',
  upcoming: 'Demnächst',
  recent: 'In den letzten zwei Wochen beendet',
  noUpcoming:
    'Es stehen keine Termine an. Lege einen Termin an oder eine wöchentliche Serie für Kurse, die jede Woche stattfinden.',
  noRecent: 'In den letzten zwei Wochen ist kein Termin zu Ende gegangen.',
  showMore: '{count} weitere anzeigen',
  when: '{day}, {start}–{end}',
  places: '{taken} von {capacity} Plätzen belegt',
  placesUnlimited:
    '{taken, plural, =0 {Keine Plätze belegt} one {# Platz belegt} other {# Plätze belegt}} · keine Begrenzung',
  waiting: '{count} auf der Warteliste',
  cancelled: 'Abgesagt',
  cancelledReason: 'Abgesagt: {reason}',
  inSeries: 'Wöchentliche Serie',
  started: 'Läuft',
  ended: 'Beendet',
  edit: 'Ändern',
  editLabel: '{title} ändern, {when}',
  cancel: 'Termin absagen',
  cancelLabel: '{title} absagen, {when}',
  form: {
    createTitle: 'Neuer Termin',
    editTitle: '„{title}“ ändern',
    title: 'Titel',
    date: 'Datum',
    startTime: 'Beginn',
    endTime: 'Ende',
    timeHint: 'In der Zeitzone des Vereins, {timezone}.',
    length: 'Dauer {hours} Std. {minutes} Min.',
    endsNextDay: 'Endet am nächsten Tag, {date}.',
    capacity: 'Plätze',
    capacityHint: 'Leer lassen für keine Begrenzung.',
    creditCost: 'Einheiten pro Platz',
    creditCostHint: 'Was ein Platz von der Karte eines Mitglieds kostet (0 = kostenlos).',
    location: 'Ort',
    description: 'Beschreibung',
    trainingType: 'Trainingsart',
    noTrainingType: 'Keine',
    trainingTypeHint:
      'Karten können auf bestimmte Trainingsarten beschränkt sein; eine solche Karte bezahlt nur Termine dieser Arten.',
    archivedType: '{name} (archiviert)',
    seriesNote:
      'Dieser Termin gehört zur wöchentlichen Serie „{title}“. Änderungen hier gelten nur für diesen Termin; eine spätere Änderung der Serie ersetzt sie.',
    startedNote:
      'Dieser Termin hat schon begonnen. Änderungen gelten für seinen Eintrag; bereits bezahlte Plätze werden nicht erneut belastet.',
    create: 'Termin anlegen',
    save: 'Änderungen speichern',
    created: 'Termin „{title}“ für {when} angelegt.',
    saved: 'Änderungen an „{title}“ gespeichert.',
  },
  cancelDialog: {
    title: '„{title}“ am {when} absagen?',
    holders:
      '{count, plural, =0 {Niemand hat einen Platz.} one {# Person hat einen Platz.} other {# Personen haben einen Platz.}}',
    waiting:
      '{count, plural, one {# Person steht auf der Warteliste.} other {# Personen stehen auf der Warteliste.}}',
    credits:
      '{count, plural, =0 {Dafür wurden noch keine Einheiten abgebucht.} one {# Einheit geht auf die Karte zurück, die sie bezahlt hat.} other {# Einheiten gehen auf die Karten zurück, die sie bezahlt haben.}}',
    effect:
      'Jede für diesen Termin abgebuchte Einheit wird zurückgegeben, und alle mit Platz oder auf der Warteliste werden benachrichtigt.',
    reason: 'Grund',
    reasonHint: 'Optional. Die Benachrichtigten sehen ihn.',
    confirm: 'Ja, Termin absagen',
    keep: 'Termin behalten',
    done: '„{title}“ am {when} ist abgesagt. {count, plural, =0 {Niemand hatte einen Platz.} one {# Person wird benachrichtigt und bekommt ihre Einheiten zurück.} other {# Personen werden benachrichtigt und bekommen ihre Einheiten zurück.}}',
  },
  series: {
    title: 'Wöchentliche Serien',
    intro:
      'Wähle Wochentage, Uhrzeit und Zeitraum, und Turnout legt jeden Termin der Serie an. Zeiten gelten in der Zeitzone des Vereins, {timezone}.',
    sessionsLink: 'Alle Termine',
    newSeries: 'Neue wöchentliche Serie',
    list: 'Serien',
    loading: 'Serien werden geladen…',
    empty: 'Noch keine wöchentliche Serie. Lege eine für Kurse an, die jede Woche stattfinden.',
    schedule: '{days} · {time} · {duration} Min.',
    range: '{from} bis {until}',
    next: 'Nächste Termine',
    noneLeft: 'Keine Termine mehr: Die Serie ist zu Ende.',
    remaining: '{count, plural, one {# Termin steht an} other {# Termine stehen an}}',
    edit: 'Serie ändern',
    editLabel: 'Serie {title} ändern',
    form: {
      createTitle: 'Neue wöchentliche Serie',
      editTitle: 'Serie „{title}“ ändern',
      weekdays: 'Wochentage',
      startTime: 'Beginn',
      duration: 'Dauer in Minuten',
      fromDate: 'Erstes Datum',
      untilDate: 'Letztes Datum',
      untilHint: 'Höchstens zwei Jahre nach dem ersten Datum.',
      futureOnly:
        'Änderungen gelten nur für Termine, die noch nicht begonnen haben. Vergangene und laufende Termine bleiben, wie sie waren, abgesagte bleiben abgesagt, und einzelne Änderungen künftiger Termine werden durch die Angaben der Serie ersetzt.',
      preview:
        '{count, plural, =0 {Diese Wochentage und Daten ergeben keine Termine.} one {Legt # Termin an, am {first}.} other {Legt # Termine an, vom {first} bis {last}.}}',
      previewPast:
        '{count, plural, one {# davon liegt schon in der Vergangenheit; die Anwesenheit kann noch erfasst werden.} other {# davon liegen schon in der Vergangenheit; die Anwesenheit kann noch erfasst werden.}}',
      impactChanged:
        '{count, plural, =0 {Kein künftiger Termin ändert sich.} one {# künftiger Termin übernimmt die Änderungen.} other {# künftige Termine übernehmen die Änderungen.}}',
      impactAdded:
        '{count, plural, one {# neuer Termin kommt hinzu.} other {# neue Termine kommen hinzu.}}',
      impactRemoved:
        '{count, plural, one {# künftiger Termin passt nicht mehr in den Plan und wird abgesagt.} other {# künftige Termine passen nicht mehr in den Plan und werden abgesagt.}}',
      impactRemovedPeople:
        '{count, plural, =0 {Niemand hat dort einen Platz.} one {# Person mit Platz wird benachrichtigt und bekommt ihre Einheiten zurück.} other {# Personen mit Platz werden benachrichtigt und bekommen ihre Einheiten zurück.}}',
      confirmRemoval: 'Speichern und {count, plural, one {# Termin} other {# Termine}} absagen',
      create: 'Serie anlegen',
      save: 'Änderungen an künftigen Terminen speichern',
      created: 'Serie „{title}“ mit {count, plural, one {# Termin} other {# Terminen}} angelegt.',
      saved: 'Serie „{title}“ gespeichert; ihre künftigen Termine sind aktualisiert.',
    },
  },
};
