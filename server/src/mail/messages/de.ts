import type { MailWords } from './en.js';

/** The words of every mail in German (keys as in en.ts). */
export const mailWordsDe: MailWords = {
  greeting: '{hasName, select, yes {Hallo {name},} other {Hallo,}}',
  signature: '{hasClub, select, yes {Turnout für {club}} other {Turnout}}',
  linkFallback: 'Falls der Knopf nicht geht, kopiere diesen Link in deinen Browser:',
  accountFooter: 'Du bekommst diese E-Mail, weil sie dein Turnout-Konto betrifft.',
  notificationFooter:
    'Du bekommst diese E-Mail, weil du für {about}{hasClub, select, yes { bei {club}} other {}} E-Mail gewählt hast.',
  unsubscribe: 'Diese E-Mails abbestellen',
  unsubscribeText: 'Diese E-Mails abbestellen: {link}',
  unsubscribePage: {
    title: 'E-Mails abbestellen',
    question: 'Die E-Mails über {about} abbestellen?',
    explain:
      'Du siehst sie weiterhin in Turnout und kannst die E-Mails dort jederzeit wieder einschalten.',
    confirm: 'Diese E-Mails abbestellen',
    done: 'Erledigt: Du bekommst keine E-Mails mehr über {about}.',
    doneExplain: 'Um sie wieder zu bekommen, wähle in Turnout E-Mail für sie.',
    invalid: 'Dieser Link funktioniert nicht (mehr).',
    invalidExplain: 'Welche E-Mails du bekommst, wählst du in Turnout unter Benachrichtigungen.',
    open: 'Turnout öffnen',
  },
  aSession: 'einen Termin',
  aPass: 'eine Karte',
  yourPass: 'deine Karte',
  kinds: {
    invitation: {
      about: 'Einladungen',
      subject: 'Komm zu {club} auf Turnout',
      summary:
        '{hasInviter, select, yes {{inviter} lädt dich} other {Du bist eingeladen}}{hasInviter, select, yes { ein,} other {,}} {club} als {role, select, owner {Inhaber:in} host {Gastgeber:in} other {Mitglied}} beizutreten.',
      body: [
        '{hasInviter, select, yes {{inviter} lädt dich} other {Du bist eingeladen}}{hasInviter, select, yes { ein,} other {,}} {club} auf Turnout als {role, select, owner {Inhaber:in} host {Gastgeber:in} other {Mitglied}} beizutreten: Melde dich zu Terminen an, sieh deine Karten und checke an der Tür ein.',
        '{hasExpires, select, yes {Die Einladung gilt bis {expires}.} other {}}',
      ],
      action: 'Einladung annehmen',
    },
    password_reset: {
      about: 'Passwort-Zurücksetzungen',
      subject: 'Setze dein Turnout-Passwort zurück',
      summary: 'Jemand möchte das Passwort deines Turnout-Kontos zurücksetzen.',
      body: [
        'Jemand (hoffentlich du) möchte das Passwort deines Turnout-Kontos zurücksetzen. Wähle mit dem Link unten ein neues.',
        'Der Link funktioniert einmal, {minutes, plural, one {# Minute} other {# Minuten}} lang.',
        'Wenn du das nicht warst, ignoriere diese E-Mail: Dein Passwort bleibt, wie es ist.',
      ],
      action: 'Neues Passwort wählen',
    },
    email_change: {
      about: 'Änderungen der E-Mail-Adresse',
      subject: 'Bestätige deine neue E-Mail-Adresse',
      summary: 'Bestätige, dass dies die neue E-Mail-Adresse deines Turnout-Kontos ist.',
      body: [
        'Bitte bestätige, dass dies die neue E-Mail-Adresse deines Turnout-Kontos ist.',
        'Der Link funktioniert einmal, {minutes, plural, one {# Minute} other {# Minuten}} lang.',
        'Wenn du das nicht warst, ignoriere diese E-Mail: Es ändert sich nichts.',
      ],
      action: 'Adresse bestätigen',
    },
    promoted: {
      about: 'Neuigkeiten zur Warteliste',
      subject: 'Du hast einen Platz: {session}',
      summary:
        'Du bist von der Warteliste nachgerückt: Du hast einen Platz in {session} am {when}.{credits, plural, =0 {} one { # Einheit wurde abgebucht.} other { # Einheiten wurden abgebucht.}}',
      body: [
        'Du bist von der Warteliste nachgerückt: Du hast einen Platz in {session} am {when}.{credits, plural, =0 {} one { # Einheit wurde abgebucht.} other { # Einheiten wurden abgebucht.}}',
        'Wenn du doch nicht kommen kannst, melde dich in der App ab, damit die nächste Person den Platz bekommt.',
      ],
      action: 'Termin öffnen',
    },
    promotion_skipped: {
      about: 'Neuigkeiten zur Warteliste',
      subject: 'Du warst dran, aber ohne Guthaben: {session}',
      summary:
        'Du warst auf der Warteliste für {session} am {when} an der Reihe, hattest aber kein nutzbares Guthaben und wartest deshalb weiter.',
      body: [
        'Du warst auf der Warteliste für {session} am {when} an der Reihe, hattest aber kein nutzbares Guthaben und wartest deshalb weiter.',
        'Mit einer Karte kannst du nachrücken.',
      ],
      action: 'Termin öffnen',
    },
    spot_open: {
      about: 'frei gewordene Plätze',
      subject: 'Ein Platz ist frei: {session}',
      summary:
        'In {session} am {when} ist ein Platz frei geworden: Melde dich selbst an, wenn du ihn noch möchtest.',
      body: [
        'In {session} am {when} ist ein Platz frei geworden. So kurz vor Beginn wird er nicht automatisch vergeben: Melde dich selbst an, wenn du ihn noch möchtest.',
      ],
      action: 'Termin öffnen',
    },
    session_cancelled: {
      about: 'abgesagte Termine',
      subject: 'Abgesagt: {session}',
      summary: '{session} am {when} wurde abgesagt.',
      body: [
        '{session} am {when} wurde abgesagt.',
        '{hasReason, select, yes {Der angegebene Grund: {reason}} other {}}',
        'Abgebuchtes Guthaben wurde deinen Karten zurückgebucht.',
      ],
      action: 'Terminplan öffnen',
    },
    pass_granted: {
      about: 'deine Karten',
      subject: 'Du hast eine neue Karte: {pass}',
      summary:
        'Du hast eine neue Karte: {pass}{hasExpires, select, yes {, gültig bis {expires}} other {}}.',
      body: [
        'Dein Antrag wurde angenommen. Du hast eine neue Karte: {pass}{hasExpires, select, yes {, gültig bis {expires}} other {}}.',
      ],
      action: 'Deine Karten ansehen',
    },
    pass_request_rejected: {
      about: 'deine Anträge auf Karten',
      subject: 'Dein Antrag wurde abgelehnt: {pass}',
      summary: 'Dein Antrag für {pass} wurde abgelehnt.',
      body: [
        'Dein Antrag für {pass} wurde abgelehnt.',
        '{hasReason, select, yes {Der angegebene Grund: {reason}} other {}}',
      ],
      action: 'Deine Karten ansehen',
    },
    session_reminder: {
      about: 'Erinnerungen',
      subject: 'Erinnerung: {session}, {when}',
      summary: 'Du hast einen Platz in {session} am {when}.',
      body: [
        'Zur Erinnerung: Du hast einen Platz in {session} am {when}.',
        'Wenn du nicht kommen kannst, melde dich in der App ab, damit jemand anderes den Platz bekommt.',
      ],
      action: 'Termin öffnen',
    },
    pass_expiring: {
      about: 'bald ablaufende Karten',
      subject: 'Deine Karte läuft am {expires} ab',
      summary:
        '{unlimited, select, yes {{pass} gilt bis {expires}: bis dahin unbegrenzt viele Termine.} other {{pass} läuft am {expires} ab, mit {creditsLeft, plural, one {# übrigen Einheit} other {# übrigen Einheiten}}.}}',
      body: [
        '{unlimited, select, yes {{pass} gilt bis {expires}: bis dahin unbegrenzt viele Termine.} other {{pass} läuft am {expires} ab, mit {creditsLeft, plural, one {# übrigen Einheit} other {# übrigen Einheiten}}.}}',
        '{unlimited, select, yes {Verlängere sie vorher, um weiter zu kommen.} other {Melde dich vorher zu einem Termin an, um sie zu nutzen.}}',
      ],
      action: 'Terminplan ansehen',
    },
  },
  forDependant: {
    promoted: {
      subject: '{dependant} hat einen Platz: {session}',
      summary:
        '{dependant} ist von der Warteliste nachgerückt und hat einen Platz in {session} am {when}.{credits, plural, =0 {} one { # Einheit wurde abgebucht.} other { # Einheiten wurden abgebucht.}}',
      body: [
        '{dependant} ist von der Warteliste nachgerückt und hat einen Platz in {session} am {when}.{credits, plural, =0 {} one { # Einheit wurde abgebucht.} other { # Einheiten wurden abgebucht.}}',
        'Wenn {dependant} doch nicht kommen kann, melde {dependant} in der App ab, damit die nächste Person den Platz bekommt.',
      ],
    },
    promotion_skipped: {
      subject: '{dependant} war dran, aber ohne Guthaben: {session}',
      summary:
        '{dependant} war auf der Warteliste für {session} am {when} an der Reihe, es gab aber kein nutzbares Guthaben, deshalb wartet {dependant} weiter.',
      body: [
        '{dependant} war auf der Warteliste für {session} am {when} an der Reihe, es gab aber kein nutzbares Guthaben, deshalb wartet {dependant} weiter.',
        'Mit einer Karte für {dependant} oder für dich kann {dependant} nachrücken.',
      ],
    },
    spot_open: {
      subject: 'Ein Platz ist frei für {dependant}: {session}',
      summary:
        'In {session} am {when} ist ein Platz frei geworden, auf den {dependant} wartet: Melde {dependant} selbst an, wenn der Platz noch gewünscht ist.',
      body: [
        'In {session} am {when} ist ein Platz frei geworden, auf den {dependant} wartet. So kurz vor Beginn wird er nicht automatisch vergeben: Melde {dependant} selbst an, wenn der Platz noch gewünscht ist.',
      ],
    },
    session_cancelled: {
      subject: 'Abgesagt für {dependant}: {session}',
      summary: '{session} am {when}, wofür {dependant} angemeldet war, wurde abgesagt.',
      body: [
        '{session} am {when}, wofür {dependant} angemeldet war, wurde abgesagt.',
        '{hasReason, select, yes {Der angegebene Grund: {reason}} other {}}',
        'Abgebuchtes Guthaben wurde den Karten zurückgebucht, von denen es kam.',
      ],
    },
    pass_granted: {
      subject: '{dependant} hat eine neue Karte: {pass}',
      summary:
        '{dependant} hat eine neue Karte: {pass}{hasExpires, select, yes {, gültig bis {expires}} other {}}.',
      body: [
        '{dependant} hat eine neue Karte: {pass}{hasExpires, select, yes {, gültig bis {expires}} other {}}.',
      ],
    },
    pass_request_rejected: {
      subject: 'Der Antrag für {dependant} wurde abgelehnt: {pass}',
      summary: 'Der Antrag auf {pass} für {dependant} wurde abgelehnt.',
      body: [
        'Der Antrag auf {pass} für {dependant} wurde abgelehnt.',
        '{hasReason, select, yes {Der angegebene Grund: {reason}} other {}}',
      ],
    },
    session_reminder: {
      subject: 'Erinnerung für {dependant}: {session}, {when}',
      summary: '{dependant} hat einen Platz in {session} am {when}.',
      body: [
        'Zur Erinnerung: {dependant} hat einen Platz in {session} am {when}.',
        'Wenn {dependant} nicht kommen kann, melde {dependant} in der App ab, damit jemand anderes den Platz bekommt.',
      ],
    },
    pass_expiring: {
      subject: 'Die Karte von {dependant} läuft am {expires} ab',
      summary:
        '{unlimited, select, yes {{pass} für {dependant} gilt bis {expires}: bis dahin unbegrenzt viele Termine.} other {{pass} für {dependant} läuft am {expires} ab, mit {creditsLeft, plural, one {# übrigen Einheit} other {# übrigen Einheiten}}.}}',
      body: [
        '{unlimited, select, yes {{pass} für {dependant} gilt bis {expires}: bis dahin unbegrenzt viele Termine.} other {{pass} für {dependant} läuft am {expires} ab, mit {creditsLeft, plural, one {# übrigen Einheit} other {# übrigen Einheiten}}.}}',
        '{unlimited, select, yes {Verlängere sie vorher, damit {dependant} weiter kommen kann.} other {Melde {dependant} vorher zu einem Termin an, um sie zu nutzen.}}',
      ],
    },
  },
};
