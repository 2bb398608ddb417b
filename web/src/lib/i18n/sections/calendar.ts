import type { Widen } from '../en';

/** The Calendar page (feed addresses) and a session's "Add to calendar". */
export const calendarEn = {
  nav: 'Calendar',
  title: 'Calendar',
  intro:
    'Put the club’s sessions into the calendar app you already use. Each address below is yours alone: anyone who has it can see what it shows, so share it with no one.',
  clubTitle: 'The club’s schedule',
  clubHint:
    'Every session of {club}, from a month ago to half a year ahead. Cancelled sessions stay in, marked cancelled.',
  mineTitle: 'My sessions',
  mineHint:
    'The sessions you signed up for, are on the waiting list for, or said you are going to.',
  getAddress: 'Get an address',
  addressLabel: 'Address of “{feed}”',
  copy: 'Copy address',
  copied: 'Address copied.',
  copyFailed: 'Could not copy. Select the address and copy it yourself.',
  openInApp: 'Open in my calendar app',
  inUseElsewhere:
    'An address made on {date} is in use. It is shown only on the device where it was made. Make a new address to see one here; the old one then stops working.',
  madeOn: 'Made on {date}.',
  lastFetched: 'Last fetched by a calendar app on {date}.',
  neverFetched: 'No calendar app has fetched it yet.',
  renew: 'Make a new address',
  renewConfirm:
    'The current address will stop working in every calendar that uses it. Make a new one?',
  renewYes: 'Yes, make a new address',
  stop: 'Stop sharing',
  stopConfirm: 'This address will stop working in every calendar that uses it. Stop sharing?',
  stopYes: 'Yes, stop sharing',
  cancel: 'Cancel',
  renewed: 'New address made. The old one no longer works.',
  stopped: 'Sharing stopped. The address no longer works.',
  working: 'One moment…',
  loading: 'Loading your calendar addresses…',
  offline:
    'Calendar addresses need a connection. Connect to the internet to see or change them. Adding a single session to your calendar works offline, from the session’s page.',
  howTitle: 'How to add an address',
  howGoogle:
    'Google Calendar: on a computer, next to “Other calendars” choose + and then “From URL”, and paste the address.',
  howApple:
    'Apple Calendar: choose “Open in my calendar app” on your iPhone, iPad or Mac, or choose File › New Calendar Subscription and paste the address.',
  howOutlook: 'Outlook: choose Add calendar › Subscribe from web, and paste the address.',
  addToCalendar: 'Add to calendar',
  addFailed: 'The calendar file could not be made on this device.',
} as const;

export const calendarDe: Widen<typeof calendarEn> = {
  nav: 'Kalender',
  title: 'Kalender',
  intro:
    'Übernimm die Termine des Vereins in die Kalender-App, die du schon nutzt. Jede Adresse hier gehört nur dir: Wer sie hat, sieht, was sie zeigt. Gib sie also niemandem weiter.',
  clubTitle: 'Trainingsplan des Vereins',
  clubHint:
    'Alle Termine von {club}, von vor einem Monat bis ein halbes Jahr voraus. Abgesagte Termine bleiben drin und sind als abgesagt markiert.',
  mineTitle: 'Meine Trainings',
  mineHint:
    'Die Termine, für die du angemeldet bist, auf deren Warteliste du stehst oder denen du zugesagt hast.',
  getAddress: 'Adresse erstellen',
  addressLabel: 'Adresse von „{feed}“',
  copy: 'Adresse kopieren',
  copied: 'Adresse kopiert.',
  copyFailed: 'Kopieren ging nicht. Markiere die Adresse und kopiere sie selbst.',
  openInApp: 'In meiner Kalender-App öffnen',
  inUseElsewhere:
    'Eine Adresse vom {date} ist in Gebrauch. Sie wird nur auf dem Gerät gezeigt, auf dem sie erstellt wurde. Erstelle eine neue Adresse, um hier eine zu sehen; die alte funktioniert dann nicht mehr.',
  madeOn: 'Erstellt am {date}.',
  lastFetched: 'Zuletzt von einer Kalender-App abgerufen am {date}.',
  neverFetched: 'Noch keine Kalender-App hat sie abgerufen.',
  renew: 'Neue Adresse erstellen',
  renewConfirm:
    'Die jetzige Adresse funktioniert dann in keinem Kalender mehr, der sie nutzt. Neue Adresse erstellen?',
  renewYes: 'Ja, neue Adresse erstellen',
  stop: 'Nicht mehr teilen',
  stopConfirm:
    'Diese Adresse funktioniert dann in keinem Kalender mehr, der sie nutzt. Nicht mehr teilen?',
  stopYes: 'Ja, nicht mehr teilen',
  cancel: 'Abbrechen',
  renewed: 'Neue Adresse erstellt. Die alte funktioniert nicht mehr.',
  stopped: 'Nicht mehr geteilt. Die Adresse funktioniert nicht mehr.',
  working: 'Einen Moment …',
  loading: 'Deine Kalenderadressen werden geladen …',
  offline:
    'Kalenderadressen brauchen eine Verbindung. Verbinde dich mit dem Internet, um sie zu sehen oder zu ändern. Einen einzelnen Termin in deinen Kalender übernehmen geht auch offline, auf der Seite des Termins.',
  howTitle: 'So fügst du eine Adresse hinzu',
  howGoogle:
    'Google Kalender: am Computer neben „Weitere Kalender“ auf + und dann „Per URL“ gehen und die Adresse einfügen.',
  howApple:
    'Apple Kalender: auf iPhone, iPad oder Mac „In meiner Kalender-App öffnen“ wählen, oder Ablage › Neues Kalenderabonnement wählen und die Adresse einfügen.',
  howOutlook:
    'Outlook: Kalender hinzufügen › Aus dem Internet abonnieren wählen und die Adresse einfügen.',
  addToCalendar: 'Zum Kalender hinzufügen',
  addFailed: 'Die Kalenderdatei konnte auf diesem Gerät nicht erstellt werden.',
};
