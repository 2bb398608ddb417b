import type { Widen } from '../en';

/** QR check-in (spec §9.1): the member's code, the host's scanner, printed cards. */
export const doorCodesEn = {
  nav: 'My code',
  title: 'My check-in code',
  intro:
    'Show this code at the door. It changes every 30 seconds, so a screenshot of it stops working after a minute or so.',
  loading: 'Preparing your code…',
  qrLabel: 'Check-in code of {name}',
  validUntil: 'Works on this phone without a connection until {date}.',
  unsupported:
    'This browser cannot make check-in codes (it needs a secure https connection). Ask the club for a printed card, or a host can check you in by name.',
  needsConnection:
    'Connect to the internet once, so the club can set up your check-in code on this phone.',
  failed: 'Your check-in code could not be made on this device. A host can check you in by name.',
  scanTitle: 'Scan check-in codes',
  scanStart: 'Scan codes',
  scanStop: 'Stop scanning',
  scanHint: 'Point the camera at a member’s code or card: they are checked in at once.',
  scanStarting: 'Opening the camera…',
  scanCamera: 'Camera',
  scanNoCamera: 'The camera could not be opened: {reason}',
  scanCheckedIn: '{name} is checked in.',
  scanRefused: 'Not checked in: {reason}',
  someone: 'Someone',
  cardsTitle: 'Door cards and phones',
  cardsIntro:
    'A printed card lets someone without a phone check in with a code. Revoke a lost card: hosts’ devices refuse it once they have synced.',
  issueCard: 'Print a door card',
  issuingCard: 'Making the card…',
  revoke: 'Revoke',
  revoking: 'Revoking…',
  card: 'Card, issued {date}',
  phone: 'Phone, valid until {date}',
  revokedOn: 'revoked {date}',
  printAgain: 'Print again',
  noPasses: 'No cards, and no phone showing a code.',
  passesNeedConnection: 'Cards and phones can be managed when this device is online.',
  printTitle: 'Door card',
  print: 'Print',
  printHint: 'Print this page and cut out the card. The code works until the club revokes it.',
  cardHeading: '{club} · check-in card',
  back: 'Back to people',
} as const;

export const doorCodesDe: Widen<typeof doorCodesEn> = {
  nav: 'Mein Code',
  title: 'Mein Check-in-Code',
  intro:
    'Zeige diesen Code am Eingang. Er ändert sich alle 30 Sekunden, ein Screenshot davon funktioniert also nach etwa einer Minute nicht mehr.',
  loading: 'Dein Code wird vorbereitet…',
  qrLabel: 'Check-in-Code von {name}',
  validUntil: 'Funktioniert auf diesem Handy ohne Verbindung bis {date}.',
  unsupported:
    'Dieser Browser kann keine Check-in-Codes erzeugen (dafür braucht es eine sichere https-Verbindung). Bitte den Verein um eine gedruckte Karte, oder eine Gastgeberin checkt dich mit Namen ein.',
  needsConnection:
    'Verbinde dich einmal mit dem Internet, damit der Verein deinen Check-in-Code auf diesem Handy einrichten kann.',
  failed:
    'Dein Check-in-Code konnte auf diesem Gerät nicht erzeugt werden. Eine Gastgeberin kann dich mit Namen einchecken.',
  scanTitle: 'Check-in-Codes scannen',
  scanStart: 'Codes scannen',
  scanStop: 'Scannen beenden',
  scanHint:
    'Halte die Kamera auf den Code oder die Karte eines Mitglieds: Es wird sofort eingecheckt.',
  scanStarting: 'Kamera wird geöffnet…',
  scanCamera: 'Kamera',
  scanNoCamera: 'Die Kamera ließ sich nicht öffnen: {reason}',
  scanCheckedIn: '{name} ist eingecheckt.',
  scanRefused: 'Nicht eingecheckt: {reason}',
  someone: 'Jemand',
  cardsTitle: 'Eingangskarten und Handys',
  cardsIntro:
    'Mit einer gedruckten Karte kann auch einchecken, wer kein Handy hat. Sperre eine verlorene Karte: Die Geräte der Gastgeber lehnen sie ab, sobald sie synchronisiert haben.',
  issueCard: 'Eingangskarte drucken',
  issuingCard: 'Karte wird erstellt…',
  revoke: 'Sperren',
  revoking: 'Wird gesperrt…',
  card: 'Karte, ausgestellt am {date}',
  phone: 'Handy, gültig bis {date}',
  revokedOn: 'gesperrt am {date}',
  printAgain: 'Erneut drucken',
  noPasses: 'Keine Karten und kein Handy mit Code.',
  passesNeedConnection: 'Karten und Handys lassen sich verwalten, wenn dieses Gerät online ist.',
  printTitle: 'Eingangskarte',
  print: 'Drucken',
  printHint:
    'Drucke diese Seite und schneide die Karte aus. Der Code gilt, bis der Verein ihn sperrt.',
  cardHeading: '{club} · Check-in-Karte',
  back: 'Zurück zu den Personen',
};
