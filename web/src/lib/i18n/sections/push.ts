import type { Widen } from '../en';

/** Web push on this device: the question after signing up, and the switch on Notifications. */
export const pushEn = {
  askSignedUp:
    'Get a notification on this device when this class is cancelled or changes, even with the app closed?',
  askWaitlisted:
    'Get a notification on this device when a spot opens for you or the class is cancelled, even with the app closed?',
  allow: 'Allow',
  notNow: 'Not now',
  switchLabel: 'Notifications on this device',
  switchHint:
    'Shows your club’s news on this phone or computer even when Turnout is closed. Which news comes this way is chosen per kind.',
  on: 'Notifications are on for this device.',
  off: 'Notifications are off for this device.',
  working: 'One moment…',
  unsupported:
    'This browser cannot show notifications from Turnout. On an iPhone or iPad, add Turnout to the home screen first and open it from there.',
  insecure:
    'Notifications need Turnout opened over a secure (https) address. Ask your club’s administrator.',
  noWorker: 'Notifications are not ready yet. Reload the page and try again.',
  denied:
    'Notifications are blocked for Turnout in this browser. Allow them in the browser’s site settings, then switch them on here.',
  dismissed: 'Notifications were not allowed. Switch them on again when you want them.',
  failed:
    'Notifications could not be switched on: the browser’s push service did not answer. Check your connection and try again.',
  offline: 'You are offline. Switch notifications on or off once you are connected.',
} as const;

export const pushDe: Widen<typeof pushEn> = {
  askSignedUp:
    'Auf diesem Gerät benachrichtigt werden, wenn dieser Termin abgesagt wird oder sich ändert, auch bei geschlossener App?',
  askWaitlisted:
    'Auf diesem Gerät benachrichtigt werden, wenn ein Platz für dich frei wird oder der Termin abgesagt wird, auch bei geschlossener App?',
  allow: 'Erlauben',
  notNow: 'Nicht jetzt',
  switchLabel: 'Benachrichtigungen auf diesem Gerät',
  switchHint:
    'Zeigt Neuigkeiten deines Vereins auf diesem Handy oder Computer, auch wenn Turnout geschlossen ist. Welche Neuigkeiten so kommen, wählst du je Art.',
  on: 'Benachrichtigungen sind auf diesem Gerät an.',
  off: 'Benachrichtigungen sind auf diesem Gerät aus.',
  working: 'Einen Moment …',
  unsupported:
    'Dieser Browser kann keine Benachrichtigungen von Turnout anzeigen. Auf iPhone oder iPad füge Turnout zuerst zum Home-Bildschirm hinzu und öffne es von dort.',
  insecure:
    'Benachrichtigungen brauchen Turnout über eine sichere (https-)Adresse. Frag die Verwaltung deines Vereins.',
  noWorker:
    'Benachrichtigungen sind noch nicht bereit. Lade die Seite neu und versuche es noch einmal.',
  denied:
    'Benachrichtigungen für Turnout sind in diesem Browser blockiert. Erlaube sie in den Website-Einstellungen des Browsers und schalte sie dann hier ein.',
  dismissed:
    'Benachrichtigungen wurden nicht erlaubt. Schalte sie wieder ein, wenn du sie möchtest.',
  failed:
    'Benachrichtigungen konnten nicht eingeschaltet werden: Der Push-Dienst des Browsers hat nicht geantwortet. Prüfe deine Verbindung und versuche es noch einmal.',
  offline: 'Du bist offline. Schalte Benachrichtigungen ein oder aus, sobald du verbunden bist.',
};
