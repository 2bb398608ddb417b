import type { Widen } from '../en';

/**
 * What the server refused or flagged, told on the row or session it concerns
 * (docs/decisions.md, "Conflicts told where they happen"). `reason` clauses
 * follow a heading and a colon: "Check-in refused: the last spot went to
 * Noah Quinn, checked in at 17:52 on Front desk tablet."
 */
export const conflictsEn = {
  line: '{heading}: {reason}',
  about: '{name} — {text}',
  refused:
    '{action, select, checkin {Check-in refused} signup {Sign-up refused} signout {Sign-out refused} void {Void refused} adjust {Change of credits refused} settle {Charge refused} going {“Going” refused} other {Refused}}',
  refusedMine:
    '{action, select, checkin {Your check-in was refused} signup {Your sign-up was refused} signout {Your sign-out was refused} going {Saying you are going was refused} other {Your change was refused}}',
  flagged: 'Accepted with a note',
  placeTakenNamed:
    'the last spot went to {name}, {record, select, signup {signed up} other {checked in}} at {time}{hasDevice, select, yes { on {device}} other {}}.',
  placeTaken:
    'the last spot was taken by {record, select, signup {a sign-up} other {a check-in}} at {time}{hasDevice, select, yes { on {device}} other {}}.',
  creditUsed:
    'the last credit went to {session}: {record, select, signup {a sign-up} other {a check-in}} at {time}{hasDevice, select, yes { on {device}} other {}}.',
  settled: 'Checked in since.',
  acknowledge: 'OK',
  acknowledgeLabel: 'OK, seen: {what}',
  rosterHeading: 'Told after sync ({count})',
  sessionHeading: 'About this session',
  sync: {
    thisDevice: 'This device: {name}',
    rename: 'Rename',
    renameLabel: 'Rename this device',
    nameLabel: 'Name of this device',
    nameHint:
      'People see it when a check-in or sign-up made here wins or loses a spot, e.g. “Front desk tablet”. 1 to 60 characters.',
    save: 'Save name',
    cancel: 'Cancel',
    invalid: 'Use 1 to 60 letters, digits, spaces or punctuation.',
    unnamed: 'Give this device a name, so that explanations say which device recorded a check-in.',
  },
} as const;

export const conflictsDe: Widen<typeof conflictsEn> = {
  line: '{heading}: {reason}',
  about: '{name} — {text}',
  refused:
    '{action, select, checkin {Check-in abgelehnt} signup {Anmeldung abgelehnt} signout {Abmeldung abgelehnt} void {Stornierung abgelehnt} adjust {Änderung der Einheiten abgelehnt} settle {Abbuchung abgelehnt} going {„Dabei“ abgelehnt} other {Abgelehnt}}',
  refusedMine:
    '{action, select, checkin {Dein Check-in wurde abgelehnt} signup {Deine Anmeldung wurde abgelehnt} signout {Deine Abmeldung wurde abgelehnt} going {Dein „Dabei“ wurde abgelehnt} other {Deine Änderung wurde abgelehnt}}',
  flagged: 'Mit Hinweis angenommen',
  placeTakenNamed:
    'Der letzte Platz ging an {name}, {record, select, signup {angemeldet} other {eingecheckt}} um {time}{hasDevice, select, yes { auf {device}} other {}}.',
  placeTaken:
    'Der letzte Platz wurde durch {record, select, signup {eine Anmeldung} other {einen Check-in}} um {time}{hasDevice, select, yes { auf {device}} other {}} belegt.',
  creditUsed:
    'Die letzte Einheit ging an {session}: {record, select, signup {eine Anmeldung} other {ein Check-in}} um {time}{hasDevice, select, yes { auf {device}} other {}}.',
  settled: 'Inzwischen eingecheckt.',
  acknowledge: 'OK',
  acknowledgeLabel: 'OK, gesehen: {what}',
  rosterHeading: 'Nach der Synchronisierung gemeldet ({count})',
  sessionHeading: 'Zu diesem Termin',
  sync: {
    thisDevice: 'Dieses Gerät: {name}',
    rename: 'Umbenennen',
    renameLabel: 'Dieses Gerät umbenennen',
    nameLabel: 'Name dieses Geräts',
    nameHint:
      'Andere sehen ihn, wenn ein Check-in oder eine Anmeldung von hier einen Platz bekommt oder verliert, z. B. „Tablet am Empfang“. 1 bis 60 Zeichen.',
    save: 'Namen speichern',
    cancel: 'Abbrechen',
    invalid: 'Verwende 1 bis 60 Buchstaben, Ziffern, Leerzeichen oder Satzzeichen.',
    unnamed:
      'Gib diesem Gerät einen Namen, damit Erklärungen sagen, welches Gerät einen Check-in erfasst hat.',
  },
};
