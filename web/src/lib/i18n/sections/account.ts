import type { Widen } from '../en';

/** Passwords and profile (spec §9.4): forgot/reset, the profile page, a reset code staff hand over. */
export const forgotEn = {
  link: 'Forgot your password?',
  title: 'Forgot your password',
  intro: 'Enter the email of your account. We send a link to choose a new password.',
  email: 'Email',
  submit: 'Send the link',
  submitting: 'Sending…',
  sent: 'If an account exists for {email}, a link to choose a new password is on its way. It works for an hour. Check your spam folder if it does not arrive.',
  noMail:
    'This server does not send email. Ask a host or owner of your club for a reset code, then enter it below.',
  haveCode: 'Have a reset code from your club?',
  code: 'Reset code',
  codeHint: 'Like 7KQ2M-XR9TD.',
  codeRequired: 'Enter the code you were given.',
  useCode: 'Use the code',
  backToLogin: 'Back to login',
} as const;

export const resetEn = {
  title: 'Choose a new password',
  checking: 'Checking the link…',
  greeting: 'Hello {name}, choose a new password. It logs you out everywhere else.',
  validUntil: 'This link works until {date}.',
  password: 'New password',
  passwordHint: 'At least 10 characters.',
  submit: 'Save the new password',
  submitting: 'Saving…',
  askAgain: 'Ask for a new link',
  backToLogin: 'Back to login',
} as const;

export const emailConfirmEn = {
  title: 'Confirm your new email',
  confirming: 'Confirming…',
  done: 'Your email is now {email}. Use it the next time you log in.',
  openApp: 'Open Turnout',
  backToLogin: 'Back to login',
} as const;

export const profileEn = {
  nav: 'Profile',
  title: 'Your profile',
  loading: 'Loading your profile…',
  needsConnection: 'Your profile can be changed when this device is online.',
  nameTitle: 'Name',
  name: 'Your name',
  saveName: 'Save name',
  nameSaved: 'Your name is saved.',
  languageTitle: 'Language',
  language: 'Language of the app and of your emails',
  followDevice: 'As set on each device',
  languageSaved: 'Your language is saved.',
  emailTitle: 'Email',
  currentEmail: 'You log in with {email}.',
  pendingEmail: 'Waiting for you to open the link sent to {email}.',
  newEmail: 'New email',
  currentPassword: 'Current password',
  changeEmail: 'Send a confirmation link',
  changingEmail: 'Sending…',
  emailSent:
    'A link is on its way to {email}. Your email changes when you open it; until then you keep logging in with the old one.',
  emailNoMail: 'This server does not send email, so your address cannot be changed here.',
  passwordTitle: 'Password',
  newPassword: 'New password',
  passwordHint: 'At least 10 characters. Other devices are logged out.',
  changePassword: 'Change password',
  changingPassword: 'Saving…',
  passwordChanged:
    'Your password is changed. {count, plural, =0 {No other device was logged in.} one {One other device was logged out.} other {# other devices were logged out.}}',
  devicesTitle: 'Where you are logged in',
  thisDevice: 'This device',
  unknownDevice: 'Unknown device',
  lastSeen: 'Last used {date}',
  since: 'logged in {date}',
  endOthers: 'Log out all other devices',
  endingOthers: 'Logging out…',
  othersEnded:
    '{count, plural, =0 {No other device was logged in.} one {One other device was logged out.} other {# other devices were logged out.}}',
} as const;

export const staffResetEn = {
  make: 'Reset code',
  making: 'Making a code…',
  label: 'Make a password reset code for {name}',
  made: 'Give this to {name} in person. It works once, until {date}:',
  link: 'Link',
  code: 'Code',
  codeHint: 'Or they enter the code on the login page under “Forgot your password?”.',
  copy: 'Copy link',
  copied: 'Link copied.',
  close: 'Done',
} as const;

export const forgotDe: Widen<typeof forgotEn> = {
  link: 'Passwort vergessen?',
  title: 'Passwort vergessen',
  intro:
    'Gib die E-Mail-Adresse deines Kontos ein. Wir schicken dir einen Link, um ein neues Passwort zu wählen.',
  email: 'E-Mail',
  submit: 'Link senden',
  submitting: 'Wird gesendet…',
  sent: 'Falls es ein Konto für {email} gibt, ist ein Link für ein neues Passwort unterwegs. Er gilt eine Stunde. Sieh auch im Spam-Ordner nach, falls er nicht ankommt.',
  noMail:
    'Dieser Server verschickt keine E-Mails. Bitte die Kursleitung oder die Inhaber:innen deines Vereins um einen Code zum Zurücksetzen und gib ihn unten ein.',
  haveCode: 'Hast du einen Code von deinem Verein?',
  code: 'Code zum Zurücksetzen',
  codeHint: 'Etwa 7KQ2M-XR9TD.',
  codeRequired: 'Gib den Code ein, den du bekommen hast.',
  useCode: 'Code verwenden',
  backToLogin: 'Zurück zur Anmeldung',
};

export const resetDe: Widen<typeof resetEn> = {
  title: 'Neues Passwort wählen',
  checking: 'Link wird geprüft…',
  greeting: 'Hallo {name}, wähle ein neues Passwort. Überall sonst wirst du abgemeldet.',
  validUntil: 'Dieser Link gilt bis {date}.',
  password: 'Neues Passwort',
  passwordHint: 'Mindestens 10 Zeichen.',
  submit: 'Neues Passwort speichern',
  submitting: 'Wird gespeichert…',
  askAgain: 'Neuen Link anfordern',
  backToLogin: 'Zurück zur Anmeldung',
};

export const emailConfirmDe: Widen<typeof emailConfirmEn> = {
  title: 'Neue E-Mail-Adresse bestätigen',
  confirming: 'Wird bestätigt…',
  done: 'Deine E-Mail-Adresse ist jetzt {email}. Melde dich beim nächsten Mal damit an.',
  openApp: 'Turnout öffnen',
  backToLogin: 'Zurück zur Anmeldung',
};

export const profileDe: Widen<typeof profileEn> = {
  nav: 'Profil',
  title: 'Dein Profil',
  loading: 'Profil wird geladen…',
  needsConnection: 'Dein Profil lässt sich ändern, wenn dieses Gerät online ist.',
  nameTitle: 'Name',
  name: 'Dein Name',
  saveName: 'Name speichern',
  nameSaved: 'Dein Name ist gespeichert.',
  languageTitle: 'Sprache',
  language: 'Sprache der App und deiner E-Mails',
  followDevice: 'Wie auf dem jeweiligen Gerät eingestellt',
  languageSaved: 'Deine Sprache ist gespeichert.',
  emailTitle: 'E-Mail',
  currentEmail: 'Du meldest dich mit {email} an.',
  pendingEmail: 'Wartet darauf, dass du den Link an {email} öffnest.',
  newEmail: 'Neue E-Mail-Adresse',
  currentPassword: 'Aktuelles Passwort',
  changeEmail: 'Bestätigungslink senden',
  changingEmail: 'Wird gesendet…',
  emailSent:
    'Ein Link ist an {email} unterwegs. Deine Adresse ändert sich, wenn du ihn öffnest; bis dahin meldest du dich mit der alten an.',
  emailNoMail:
    'Dieser Server verschickt keine E-Mails, deshalb lässt sich deine Adresse hier nicht ändern.',
  passwordTitle: 'Passwort',
  newPassword: 'Neues Passwort',
  passwordHint: 'Mindestens 10 Zeichen. Andere Geräte werden abgemeldet.',
  changePassword: 'Passwort ändern',
  changingPassword: 'Wird gespeichert…',
  passwordChanged:
    'Dein Passwort ist geändert. {count, plural, =0 {Kein anderes Gerät war angemeldet.} one {Ein anderes Gerät wurde abgemeldet.} other {# andere Geräte wurden abgemeldet.}}',
  devicesTitle: 'Wo du angemeldet bist',
  thisDevice: 'Dieses Gerät',
  unknownDevice: 'Unbekanntes Gerät',
  lastSeen: 'Zuletzt benutzt {date}',
  since: 'angemeldet {date}',
  endOthers: 'Alle anderen Geräte abmelden',
  endingOthers: 'Wird abgemeldet…',
  othersEnded:
    '{count, plural, =0 {Kein anderes Gerät war angemeldet.} one {Ein anderes Gerät wurde abgemeldet.} other {# andere Geräte wurden abgemeldet.}}',
};

export const staffResetDe: Widen<typeof staffResetEn> = {
  make: 'Code zum Zurücksetzen',
  making: 'Code wird erstellt…',
  label: 'Einen Code zum Zurücksetzen des Passworts für {name} erstellen',
  made: 'Gib das {name} persönlich. Es funktioniert einmal, bis {date}:',
  link: 'Link',
  code: 'Code',
  codeHint: 'Oder der Code wird auf der Anmeldeseite unter „Passwort vergessen?“ eingegeben.',
  copy: 'Link kopieren',
  copied: 'Link kopiert.',
  close: 'Fertig',
};
