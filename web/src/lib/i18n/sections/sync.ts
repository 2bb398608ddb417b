import type { Widen } from '../en';

/** The always-visible sync status and the needs-attention list. */
export const syncEn = {
  online: 'Online',
  offline: 'Offline',
  syncing: 'Syncing…',
  waiting: '{count, plural, one {# change waits to sync} other {# changes wait to sync}}',
  allSynced: 'All changes synced',
  lastSynced: 'Last synced {time}',
  neverSynced: 'Not synced yet',
  attention: '{count, plural, one {# needs attention} other {# need attention}}',
  syncNow: 'Sync now',
  loginAgain:
    'Your login has ended. Log in again to send {count, plural, =0 {new changes} one {the # waiting change} other {the # waiting changes}}; nothing is lost meanwhile.',
  logInAgainButton: 'Log in again',
  retrying: 'Could not sync: {reason}. Trying again shortly.',
  busy: 'Server busy — your changes are saved on this device and will be sent in {seconds, plural, one {# second} other {# seconds}}.',
  busyMinutes:
    'Server busy — your changes are saved on this device and will be sent in {minutes, plural, one {# minute} other {# minutes}}.',
  busyNow: 'Server busy — your changes are saved on this device and are being sent again.',
  statusLabel: 'Sync status',
  offlineAccount: 'Offline: showing what this device knew when it last synced.',
  loadingClub: 'Opening your club…',
  notYetOnDevice:
    'This club has not been synced to this device yet. Connect to the internet once to load it.',
} as const;

export const syncDe: Widen<typeof syncEn> = {
  online: 'Online',
  offline: 'Offline',
  syncing: 'Wird synchronisiert…',
  waiting:
    '{count, plural, one {# Änderung wartet auf Synchronisierung} other {# Änderungen warten auf Synchronisierung}}',
  allSynced: 'Alle Änderungen synchronisiert',
  lastSynced: 'Zuletzt synchronisiert {time}',
  neverSynced: 'Noch nicht synchronisiert',
  attention: '{count, plural, one {# braucht Aufmerksamkeit} other {# brauchen Aufmerksamkeit}}',
  syncNow: 'Jetzt synchronisieren',
  loginAgain:
    'Deine Anmeldung ist abgelaufen. Melde dich erneut an, um {count, plural, =0 {neue Änderungen} one {die # wartende Änderung} other {die # wartenden Änderungen}} zu senden; bis dahin geht nichts verloren.',
  logInAgainButton: 'Erneut anmelden',
  retrying: 'Synchronisierung fehlgeschlagen: {reason}. Neuer Versuch in Kürze.',
  busy: 'Server ausgelastet – deine Änderungen sind auf diesem Gerät gespeichert und werden in {seconds, plural, one {# Sekunde} other {# Sekunden}} gesendet.',
  busyMinutes:
    'Server ausgelastet – deine Änderungen sind auf diesem Gerät gespeichert und werden in {minutes, plural, one {# Minute} other {# Minuten}} gesendet.',
  busyNow:
    'Server ausgelastet – deine Änderungen sind auf diesem Gerät gespeichert und werden jetzt erneut gesendet.',
  statusLabel: 'Synchronisierungsstatus',
  offlineAccount: 'Offline: Angezeigt wird der Stand der letzten Synchronisierung dieses Geräts.',
  loadingClub: 'Dein Verein wird geöffnet…',
  notYetOnDevice:
    'Dieser Verein wurde noch nicht auf dieses Gerät synchronisiert. Verbinde dich einmal mit dem Internet, um ihn zu laden.',
};

/** The "new version" prompt. */
export const updateEn = {
  available: 'A new version of Turnout is ready. Your waiting changes are kept.',
  reload: 'Reload now',
  reloading: 'Reloading…',
  later: 'Later',
} as const;

export const updateDe: Widen<typeof updateEn> = {
  available:
    'Eine neue Version von Turnout ist bereit. Deine wartenden Änderungen bleiben erhalten.',
  reload: 'Jetzt neu laden',
  reloading: 'Wird neu geladen…',
  later: 'Später',
};
