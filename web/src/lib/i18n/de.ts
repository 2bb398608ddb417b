import type { Messages } from './en';
import { attentionDe } from './sections/attention';
import { historyDe } from './sections/history';
import { manageAttentionDe, manageExportsDe, manageReportsDe } from './sections/manage-reports';
import { managePassesDe, manageRequestsDe } from './sections/manage-passes';
import { manageSessionsDe } from './sections/manage-sessions';
import { manageSettingsDe } from './sections/manage-settings';
import { manageTemplatesDe } from './sections/manage-templates';
import { notificationsDe } from './sections/notifications';
import { organizerDe } from './sections/organizer';
import { passesDe } from './sections/passes';
import { sessionDe } from './sections/session';
import { sessionsDe } from './sections/sessions';
import { conflictsDe } from './sections/conflicts';
import { syncDe, updateDe } from './sections/sync';
import { guestReportDe, kioskDe, walkInDe } from './sections/door';
import { doorCodesDe } from './sections/door-codes';
import { emailConfirmDe, forgotDe, profileDe, resetDe, staffResetDe } from './sections/account';
import { calendarDe } from './sections/calendar';
import { pushDe } from './sections/push';

export const de: Messages = {
  sync: syncDe,
  sessions: sessionsDe,
  session: sessionDe,
  update: updateDe,
  passes: passesDe,
  notifications: notificationsDe,
  history: historyDe,
  attention: attentionDe,
  organizer: organizerDe,
  manageSessions: manageSessionsDe,
  manageSettings: manageSettingsDe,
  manageTemplates: manageTemplatesDe,
  managePasses: managePassesDe,
  manageRequests: manageRequestsDe,
  manageReports: manageReportsDe,
  manageAttention: manageAttentionDe,
  manageExports: manageExportsDe,
  conflicts: conflictsDe,
  kiosk: kioskDe,
  forgot: forgotDe,
  reset: resetDe,
  emailConfirm: emailConfirmDe,
  profile: profileDe,
  staffReset: staffResetDe,
  doorCodes: doorCodesDe,
  calendar: calendarDe,
  walkIn: walkInDe,
  guestReport: guestReportDe,
  push: pushDe,
  app: {
    name: 'Turnout',
    skipToContent: 'Zum Inhalt springen',
    language: 'Sprache',
    loading: 'Wird geladen…',
  },
  roles: {
    member: 'Mitglied',
    host: 'Kursleitung',
    owner: 'Inhaber:in',
  },
  form: {
    checkFields: 'Bitte prüfen: {fields}',
    optional: '(optional)',
  },
  validation: {
    nameRequired: 'Gib einen Namen ein',
    clubNameRequired: 'Gib den Namen des Vereins ein',
    emailInvalid: 'Gib eine gültige E-Mail-Adresse ein',
    passwordMin: 'Das Passwort braucht mindestens {min} Zeichen',
    passwordRequired: 'Gib dein Passwort ein',
    tokenRequired: 'Gib den Einrichtungscode ein',
    timezoneUnknown: 'Unbekannte Zeitzone',
    tooLong: 'Das ist zu lang (höchstens {max} Zeichen)',
    numberRange: 'Gib eine ganze Zahl von {min} bis {max} ein',
  },
  errors: {
    invalid_args: 'Einige der gesendeten Angaben fehlen oder sind ungültig.',
    unauthenticated: 'Bitte melde dich an, um fortzufahren.',
    not_permitted: 'Deine Rolle in diesem Verein erlaubt das nicht.',
    not_found: 'Das gibt es nicht, oder es gehört nicht zu diesem Verein.',
    bad_origin: 'Diese Anfrage kam von einer Seite, die nicht Turnout ist, und wurde abgelehnt.',
    rate_limited: 'Zu viele Versuche. Bitte warte eine Minute und versuche es dann erneut.',
    too_large: 'Das ist mehr, als der Server auf einmal annimmt.',
    busy: 'Der Server ist ausgelastet. Deine Änderungen bleiben erhalten und werden in Kürze gesendet.',
    internal:
      'Auf dem Server ist etwas schiefgegangen. Es wurde nichts geändert; bitte versuche es erneut.',
    already_set_up: 'Dieser Einrichtungslink wurde bereits verwendet.',
    invalid_setup_token:
      'Dieser Einrichtungslink ist ungültig. Verwende den Link, den der Server ausgegeben hat.',
    invalid_credentials: 'E-Mail-Adresse und Passwort passen zu keinem Konto.',
    email_taken:
      'Es gibt bereits ein Konto mit dieser E-Mail-Adresse. Melde dich an, um die Einladung anzunehmen.',
    invite_invalid: 'Diese Einladung ist nicht mehr gültig. Bitte um eine neue.',
    already_member: 'Du bist bereits Mitglied dieses Vereins.',
    last_owner:
      'Ein Verein braucht mindestens eine:n Inhaber:in. Mache zuerst jemand anderen zur Inhaber:in.',
    link_invalid:
      'Dieser Link oder Code ist ungültig. Prüfe, ob er vollständig kopiert wurde, oder fordere einen neuen an.',
    link_expired: 'Dieser Link ist abgelaufen. Fordere einen neuen an.',
    link_used:
      'Dieser Link wurde schon benutzt, oder seitdem wurde ein neuerer erstellt. Nimm den neuesten oder fordere einen neuen an.',
    wrong_password: 'Dein aktuelles Passwort stimmt nicht.',
    mail_not_configured:
      'Dieser Server verschickt keine E-Mails. Bitte die Kursleitung oder die Inhaber:innen deines Vereins um einen Link zum Zurücksetzen.',
    session_full: 'Der Termin ist ausgebucht.',
    session_cancelled: 'Der Termin wurde abgesagt.',
    session_started: 'Der Termin hat bereits begonnen.',
    insufficient_credits: 'Auf deinen Karten sind keine nutzbaren Guthaben für diesen Termin.',
    already_checked_in: 'Für diesen Termin bereits eingecheckt.',
    check_in_closed: 'Der Check-in für diesen Termin ist gerade nicht geöffnet.',
    outside_backfill_window:
      'Dieser Termin ist zu lange vorbei, um die Teilnahme nachzutragen oder zu korrigieren.',
    template_in_use:
      'Diese Kartenvorlage wird von einer aktiven Karte verwendet und kann nicht gelöscht werden.',
    conflict: 'Das widerspricht einer Änderung, die anderswo gemacht wurde.',
    feature_disabled: 'Dieser Verein hat diese Funktion ausgeschaltet.',
    id_taken: 'Diese Kennung gehört schon zu etwas anderem. Es wurde nichts geändert.',
    code_invalid:
      'Das ist kein gültiger Check-in-Code dieses Vereins: Er ist vielleicht gefälscht oder beschädigt.',
    code_other_club: 'Dieser Check-in-Code gehört zu einem anderen Verein.',
    door_key_missing:
      'Dieses Gerät hat den Code-Schlüssel des Vereins noch nicht. Verbinde dich einmal zum Synchronisieren und scanne dann erneut.',
    code_member_removed:
      'Dieser Check-in-Code gehört zu jemandem, der nicht mehr Mitglied des Vereins ist.',
    code_revoked: 'Dieser Check-in-Code wurde vom Verein gesperrt.',
    code_expired: 'Dieser Check-in-Code ist abgelaufen.',
    network:
      'Turnout erreicht den Server nicht. Prüfe deine Verbindung und versuche es noch einmal.',
  },
  setup: {
    title: 'Verein einrichten',
    intro:
      'Lege deinen Verein und dein Konto als Inhaber:in an. Alle anderen kannst du danach einladen.',
    checking: 'Server wird geprüft…',
    alreadyDone: 'Dieser Server ist bereits eingerichtet.',
    goToLogin: 'Zur Anmeldung',
    token: 'Einrichtungscode',
    tokenHint: 'Er steht im Einrichtungslink, den der Server beim ersten Start ausgegeben hat.',
    clubSection: 'Verein',
    clubName: 'Name des Vereins',
    timezone: 'Zeitzone',
    timezoneHint: 'Terminzeiten werden in dieser Zeitzone angezeigt.',
    ownerSection: 'Dein Konto (Inhaber:in)',
    name: 'Dein Name',
    email: 'E-Mail',
    password: 'Passwort',
    passwordHint: 'Mindestens 10 Zeichen.',
    submit: 'Verein anlegen',
    submitting: 'Verein wird angelegt…',
  },
  login: {
    title: 'Anmelden',
    email: 'E-Mail',
    password: 'Passwort',
    submit: 'Anmelden',
    submitting: 'Anmeldung läuft…',
    needsSetup:
      'Auf diesem Server gibt es noch keinen Verein. Öffne den Einrichtungslink, den der Server beim ersten Start ausgegeben hat.',
    noAccount: 'Noch kein Konto? Bitte deinen Verein um einen Einladungslink.',
  },
  invite: {
    title: 'Einladung',
    checking: 'Einladung wird geprüft…',
    heading: '{club} beitreten',
    role: 'Du bist eingeladen als: {role}',
    validUntil: 'Gültig bis {date}',
    joinAs: 'Als {name} beitreten',
    joining: 'Beitritt läuft…',
    notYou: 'Nicht {name}?',
    logOut: 'Abmelden und ein anderes Konto verwenden',
    createTitle: 'Konto anlegen',
    name: 'Dein Name',
    email: 'E-Mail',
    password: 'Passwort',
    passwordHint: 'Mindestens 10 Zeichen.',
    create: 'Konto anlegen und beitreten',
    creating: 'Konto wird angelegt…',
    haveAccount: 'Du hast schon ein Konto?',
    loginAndReturn: 'Melde dich an und kehre dann zu dieser Einladung zurück',
    openApp: 'Turnout öffnen',
  },
  shell: {
    clubLabel: 'Verein',
    switchClub: 'Verein wechseln',
    signedInAs: 'Angemeldet als {name}',
    logout: 'Abmelden',
    loggingOut: 'Abmeldung läuft…',
    navigation: 'Hauptmenü',
    home: 'Start',
    sessions: 'Termine',
    passes: 'Meine Karten',
    notifications: 'Benachrichtigungen',
    people: 'Personen',
    unreachable: 'Turnout erreicht den Server nicht, um deine Anmeldung zu prüfen.',
    retry: 'Erneut versuchen',
  },

  people: {
    title: 'Personen',
    notAllowed:
      'Nur Kursleitungen und Inhaber:innen sehen die Personen von {club}. Deine Rolle hier ist {role}, deshalb steht dir diese Seite nicht zur Verfügung.',
    backHome: 'Zurück zum Start',
    members: 'Mitglieder',
    memberCount: '{count, plural, one {# Person} other {# Personen}}',
    loading: 'Personen werden geladen…',
    joined: 'Dabei seit {date}',
    you: 'du',
    roleOf: 'Rolle von {name}',
    saveRole: 'Rolle speichern',
    remove: 'Entfernen',
    removeConfirm: '{name} aus {club} entfernen? Der Zugang endet sofort.',
    removeYes: 'Ja, entfernen',
    cancel: 'Abbrechen',
    roleChanged: '{name} ist jetzt {role}.',
    removed: '{name} wurde aus dem Verein entfernt.',
    inviteTitle: 'Jemanden einladen',
    inviteRole: 'Rolle',
    inviteHostOnlyMembers: 'Als Kursleitung kannst du Mitglieder einladen.',
    inviteEmail: 'Deren E-Mail',
    inviteEmailHint:
      'Wo dieser Server E-Mails verschickt, geht die Einladung an diese Adresse; sie erinnert dich auch daran, für wen sie ist.',
    mailedTo: 'Die Einladung wurde per E-Mail an {email} geschickt.',
    validDays: 'Gültig für (Tage)',
    maxUses: 'Wie viele Personen sie nutzen dürfen',
    create: 'Einladung erstellen',
    creating: 'Einladung wird erstellt…',
    created: 'Einladung erstellt. Teile den Link oder den Code:',
    link: 'Link',
    code: 'Code',
    copy: 'Link kopieren',
    copied: 'Link kopiert.',
    openInvites: 'Offene Einladungen',
    noOpenInvites: 'Keine offenen Einladungen.',
    inviteFor: 'für {email}',
    inviteUses: '{used} von {max} genutzt',
    inviteUntil: 'gültig bis {date}',
    revoke: 'Widerrufen',
    revoked: 'Einladung widerrufen.',
  },
};
