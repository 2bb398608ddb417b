import type { Widen } from '../en';

/** The owner's club settings (spec §2) and training types pages. */
export const manageSettingsEn = {
  title: 'Club settings',
  intro: 'How {club} works for everyone. Changes apply to the whole club once they have synced.',
  loading: 'Loading the settings…',
  groups: {
    time: 'Time',
    credits: 'Credits',
    signups: 'Sign-ups',
    checkIn: 'Check-in',
    hosts: 'Hosts’ permissions',
    languages: 'Languages',
    reminders: 'Reminders',
  },
  timezone: {
    label: 'Time zone',
    help: 'Session times and every date — pass expiry, “today”, reports — are in this time zone.',
  },
  creditPolicy: {
    label: 'When credits are used',
    none: 'Credits are not used',
    noneHelp: 'Passes are not charged; attendance is still recorded.',
    at_checkin: 'At check-in',
    at_checkinHelp: 'A credit is charged when attendance is recorded.',
    at_signup: 'At sign-up',
    at_signupHelp: 'A credit is charged at sign-up and returned when the member signs out.',
  },
  multiCreditEnabled: {
    label: 'Allow more than one credit per check-in',
    help: 'A check-in can record several credits, e.g. for a double class.',
  },
  maxCreditsPerCheckIn: {
    label: 'Most credits per check-in',
    help: 'From 1 to 20. Used when more than one credit per check-in is allowed.',
  },
  signupsEnabled: {
    label: 'Members can sign up ahead',
    help: 'Members book a place before the session.',
  },
  waitlistEnabled: {
    label: 'Waitlist for full sessions',
    help: 'Signing up to a full session joins the waitlist; the first person waiting gets a place when one frees up.',
  },
  lateCancelMinutes: {
    label: 'Late sign-out, in minutes before the start',
    help: 'Signing out less than this before the start does not return the credit. 0 = the credit always comes back.',
  },
  whosGoingEnabled: {
    label: 'Offer “going”',
    help: 'Members can say they are going, so others see who comes. Going holds no place and costs nothing.',
  },
  checkInOpensMinutesBefore: {
    label: 'Self check-in opens, in minutes before the start',
    help: 'Members can check themselves in from this long before the session starts.',
  },
  checkInGraceMinutes: {
    label: 'Self check-in closes, in minutes after the end',
    help: 'Members can check themselves in until this long after the session ends.',
  },
  backfillWindowDays: {
    label: 'Attendance can be corrected for, in days',
    help: 'How many days after a session ended attendance can still be recorded or corrected.',
  },
  hostsCanManageSessions: {
    label: 'Hosts can manage sessions',
    help: 'Hosts create, edit and cancel sessions and weekly series.',
  },
  hostsCanManagePasses: {
    label: 'Hosts can manage passes',
    help: 'Hosts grant, extend, add to and deactivate passes, and answer pass requests.',
  },
  hostsCanBackfill: {
    label: 'Hosts can record attendance afterwards',
    help: 'Hosts record or correct attendance after check-in has closed. Otherwise only owners can.',
  },
  hostOverCapacity: {
    label: 'When a host checks someone into a full session',
    flag: 'Accept it and flag it',
    reject: 'Refuse it',
    help: 'Flagged check-ins are listed under Needs attention.',
  },
  hostWithoutCredits: {
    label: 'When a host checks in someone without usable credits',
    flag: 'Accept it and flag it as unpaid',
    reject: 'Refuse it',
    help: 'An unpaid check-in can be settled later from the member’s passes.',
  },
  locales: {
    main: 'Main language',
    mainHelp:
      'Pass templates are named in this language first; it is used when a name is missing in someone’s language.',
    others: 'Further languages',
    othersHelp: 'Pass template names and descriptions can be given in these languages too.',
  },
  sessionReminderMinutes: {
    label: 'Remind members of a session, in minutes before the start',
    help: 'Members signed up for a session are reminded this long before it starts, in the app and as each of them chose (email, push). 0 = no reminders.',
  },
  passExpiryReminderDays: {
    label: 'Remind members of a pass about to expire, in days before',
    help: 'A member whose pass still has credits is reminded at 9:00 this many days before its last day. 0 = no reminders.',
  },
  save: 'Save settings',
  undo: 'Undo my changes',
  unsaved:
    '{count, plural, one {# setting changed, not saved yet.} other {# settings changed, not saved yet.}}',
  saved: '{count, plural, one {# setting saved.} other {# settings saved.}}',
  trainingTypes: {
    title: 'Training types',
    intro:
      'Kinds of sessions, such as Yoga or Spinning. A pass template can be limited to some types. Archived types cannot be chosen for new sessions; sessions and passes that use them keep them.',
    loading: 'Loading training types…',
    empty: 'No training types yet. Add the first one below.',
    addTitle: 'Add a training type',
    name: 'Name',
    add: 'Add training type',
    added: 'Training type “{name}” added.',
    active: 'Active',
    archived: 'Archived',
    noneArchived: 'No archived training types.',
    upcoming:
      '{count, plural, =0 {No upcoming sessions} one {# upcoming session} other {# upcoming sessions}}',
    rename: 'Rename',
    renameLabel: 'Rename {name}',
    newName: 'New name for {name}',
    saveName: 'Save name',
    renamed: 'Renamed to “{name}”.',
    archive: 'Archive',
    archiveLabel: 'Archive {name}',
    restore: 'Restore',
    restoreLabel: 'Restore {name}',
    archivedDone: '“{name}” is archived.',
    restoredDone: '“{name}” is restored.',
  },
} as const;

export const manageSettingsDe: Widen<typeof manageSettingsEn> = {
  title: 'Vereinseinstellungen',
  intro:
    'Wie {club} für alle funktioniert. Änderungen gelten für den ganzen Verein, sobald sie synchronisiert sind.',
  loading: 'Einstellungen werden geladen…',
  groups: {
    time: 'Zeit',
    credits: 'Guthaben',
    signups: 'Anmeldungen',
    checkIn: 'Check-in',
    hosts: 'Rechte der Kursleitung',
    languages: 'Sprachen',
    reminders: 'Erinnerungen',
  },
  timezone: {
    label: 'Zeitzone',
    help: 'Terminzeiten und alle Daten – Ablauf von Karten, „heute“, Berichte – gelten in dieser Zeitzone.',
  },
  creditPolicy: {
    label: 'Wann Einheiten abgebucht werden',
    none: 'Einheiten werden nicht verwendet',
    noneHelp: 'Karten werden nicht belastet; die Anwesenheit wird trotzdem erfasst.',
    at_checkin: 'Beim Check-in',
    at_checkinHelp: 'Eine Einheit wird abgebucht, wenn die Anwesenheit erfasst wird.',
    at_signup: 'Bei der Anmeldung',
    at_signupHelp:
      'Eine Einheit wird bei der Anmeldung abgebucht und bei der Abmeldung zurückgegeben.',
  },
  multiCreditEnabled: {
    label: 'Mehr als eine Einheit pro Check-in erlauben',
    help: 'Ein Check-in kann mehrere Einheiten erfassen, z. B. für eine Doppelstunde.',
  },
  maxCreditsPerCheckIn: {
    label: 'Höchstens Einheiten pro Check-in',
    help: 'Von 1 bis 20. Gilt, wenn mehr als eine Einheit pro Check-in erlaubt ist.',
  },
  signupsEnabled: {
    label: 'Mitglieder können sich vorher anmelden',
    help: 'Mitglieder buchen vor dem Termin einen Platz.',
  },
  waitlistEnabled: {
    label: 'Warteliste für volle Termine',
    help: 'Wer sich für einen vollen Termin anmeldet, kommt auf die Warteliste; die erste Person dort bekommt einen frei werdenden Platz.',
  },
  lateCancelMinutes: {
    label: 'Späte Abmeldung, in Minuten vor Beginn',
    help: 'Wer sich weniger als so lange vor Beginn abmeldet, bekommt die Einheit nicht zurück. 0 = die Einheit kommt immer zurück.',
  },
  whosGoingEnabled: {
    label: '„Dabei“ anbieten',
    help: 'Mitglieder können sagen, dass sie dabei sind, damit andere sehen, wer kommt. „Dabei“ belegt keinen Platz und kostet nichts.',
  },
  checkInOpensMinutesBefore: {
    label: 'Selbst-Check-in öffnet, in Minuten vor Beginn',
    help: 'Mitglieder können sich so lange vor Beginn selbst einchecken.',
  },
  checkInGraceMinutes: {
    label: 'Selbst-Check-in schließt, in Minuten nach dem Ende',
    help: 'Mitglieder können sich bis so lange nach dem Ende selbst einchecken.',
  },
  backfillWindowDays: {
    label: 'Anwesenheit korrigierbar, in Tagen',
    help: 'Wie viele Tage nach dem Ende eines Termins die Anwesenheit noch erfasst oder korrigiert werden kann.',
  },
  hostsCanManageSessions: {
    label: 'Kursleitung kann Termine verwalten',
    help: 'Die Kursleitung legt Termine und wöchentliche Serien an, ändert und sagt sie ab.',
  },
  hostsCanManagePasses: {
    label: 'Kursleitung kann Karten verwalten',
    help: 'Die Kursleitung vergibt, verlängert, ergänzt und deaktiviert Karten und beantwortet Kartenanfragen.',
  },
  hostsCanBackfill: {
    label: 'Kursleitung kann Anwesenheit nachträglich erfassen',
    help: 'Die Kursleitung erfasst oder korrigiert die Anwesenheit, nachdem der Check-in geschlossen ist. Sonst können das nur Inhaber:innen.',
  },
  hostOverCapacity: {
    label: 'Wenn die Kursleitung jemanden in einen vollen Termin eincheckt',
    flag: 'Annehmen und markieren',
    reject: 'Ablehnen',
    help: 'Markierte Check-ins stehen unter „Braucht Aufmerksamkeit“.',
  },
  hostWithoutCredits: {
    label: 'Wenn die Kursleitung jemanden ohne nutzbare Einheiten eincheckt',
    flag: 'Annehmen und als unbezahlt markieren',
    reject: 'Ablehnen',
    help: 'Ein unbezahlter Check-in kann später von den Karten des Mitglieds beglichen werden.',
  },
  locales: {
    main: 'Hauptsprache',
    mainHelp:
      'Kartenvorlagen werden zuerst in dieser Sprache benannt; sie gilt, wenn ein Name in der Sprache einer Person fehlt.',
    others: 'Weitere Sprachen',
    othersHelp:
      'Namen und Beschreibungen von Kartenvorlagen können auch in diesen Sprachen angegeben werden.',
  },
  sessionReminderMinutes: {
    label: 'Mitglieder an einen Termin erinnern, in Minuten vor Beginn',
    help: 'Angemeldete Mitglieder werden so lange vor Beginn erinnert, in der App und so, wie sie es gewählt haben (E-Mail, Push). 0 = keine Erinnerungen.',
  },
  passExpiryReminderDays: {
    label: 'Mitglieder an eine ablaufende Karte erinnern, in Tagen vorher',
    help: 'Wer auf einer Karte noch Guthaben hat, wird so viele Tage vor ihrem letzten Tag um 9:00 Uhr erinnert. 0 = keine Erinnerungen.',
  },
  save: 'Einstellungen speichern',
  undo: 'Meine Änderungen verwerfen',
  unsaved:
    '{count, plural, one {# Einstellung geändert, noch nicht gespeichert.} other {# Einstellungen geändert, noch nicht gespeichert.}}',
  saved: '{count, plural, one {# Einstellung gespeichert.} other {# Einstellungen gespeichert.}}',
  trainingTypes: {
    title: 'Trainingsarten',
    intro:
      'Arten von Terminen, etwa Yoga oder Spinning. Eine Kartenvorlage kann auf einige Arten beschränkt sein. Archivierte Arten können für neue Termine nicht gewählt werden; Termine und Karten, die sie nutzen, behalten sie.',
    loading: 'Trainingsarten werden geladen…',
    empty: 'Noch keine Trainingsarten. Lege unten die erste an.',
    addTitle: 'Trainingsart hinzufügen',
    name: 'Name',
    add: 'Trainingsart hinzufügen',
    added: 'Trainingsart „{name}“ hinzugefügt.',
    active: 'Aktiv',
    archived: 'Archiviert',
    noneArchived: 'Keine archivierten Trainingsarten.',
    upcoming:
      '{count, plural, =0 {Keine anstehenden Termine} one {# anstehender Termin} other {# anstehende Termine}}',
    rename: 'Umbenennen',
    renameLabel: '{name} umbenennen',
    newName: 'Neuer Name für {name}',
    saveName: 'Namen speichern',
    renamed: 'Umbenannt in „{name}“.',
    archive: 'Archivieren',
    archiveLabel: '{name} archivieren',
    restore: 'Wiederherstellen',
    restoreLabel: '{name} wiederherstellen',
    archivedDone: '„{name}“ ist archiviert.',
    restoredDone: '„{name}“ ist wiederhergestellt.',
  },
};
