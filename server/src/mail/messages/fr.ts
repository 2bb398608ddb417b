import type { MailWords } from './en.js';

/**
 * The words of every mail in French (keys as in en.ts), in the tu-form the
 * app uses. Typographic apostrophes only: ICU reads an ASCII one as a quote.
 */
export const mailWordsFr: MailWords = {
  greeting: '{hasName, select, yes {Bonjour {name},} other {Bonjour,}}',
  signature: '{hasClub, select, yes {Turnout pour {club}} other {Turnout}}',
  linkFallback: 'Si le bouton ne fonctionne pas, copie ce lien dans ton navigateur\u00a0:',
  accountFooter: 'Tu reçois cet e-mail parce qu’il concerne ton compte Turnout.',
  notificationFooter:
    'Tu reçois cet e-mail parce que tu as choisi l’e-mail pour {about}{hasClub, select, yes { à {club}} other {}}.',
  unsubscribe: 'Ne plus recevoir ces e-mails',
  unsubscribeText: 'Ne plus recevoir ces e-mails\u00a0: {link}',
  unsubscribePage: {
    title: 'Arrêter les e-mails',
    question: 'Ne plus recevoir les e-mails sur {about}\u202f?',
    explain: 'Tu les vois toujours dans Turnout, et tu peux y réactiver les e-mails à tout moment.',
    confirm: 'Ne plus recevoir ces e-mails',
    done: 'C’est fait\u00a0: tu ne reçois plus d’e-mails sur {about}.',
    doneExplain: 'Pour les recevoir à nouveau, choisis l’e-mail pour eux dans Turnout.',
    invalid: 'Ce lien ne fonctionne pas (ou plus).',
    invalidExplain: 'Choisis les e-mails que tu reçois dans Turnout, sous Notifications.',
    open: 'Ouvrir Turnout',
  },
  aSession: 'une séance',
  aPass: 'une carte',
  yourPass: 'ta carte',
  kinds: {
    invitation: {
      about: 'les invitations',
      subject: 'Rejoins {club} sur Turnout',
      summary:
        '{hasInviter, select, yes {{inviter} t’invite} other {Tu es invité(e)}} à rejoindre {club} en tant que {role, select, owner {responsable} host {encadrant} other {membre}}.',
      body: [
        '{hasInviter, select, yes {{inviter} t’invite} other {Tu es invité(e)}} à rejoindre {club} sur Turnout en tant que {role, select, owner {responsable} host {encadrant} other {membre}}\u00a0: inscris-toi aux séances, consulte tes cartes et pointe à l’entrée.',
        '{hasExpires, select, yes {L’invitation est valable jusqu’au {expires}.} other {}}',
      ],
      action: 'Accepter l’invitation',
    },
    password_reset: {
      about: 'les réinitialisations de mot de passe',
      subject: 'Réinitialise ton mot de passe Turnout',
      summary: 'Quelqu’un veut réinitialiser le mot de passe de ton compte Turnout.',
      body: [
        'Quelqu’un (toi, espérons-le) veut réinitialiser le mot de passe de ton compte Turnout. Choisis-en un nouveau avec le lien ci-dessous.',
        'Le lien fonctionne une fois, pendant {minutes, plural, one {# minute} other {# minutes}}.',
        'Si ce n’était pas toi, ignore cet e-mail\u00a0: ton mot de passe reste tel quel.',
      ],
      action: 'Choisir un nouveau mot de passe',
    },
    email_change: {
      about: 'les changements d’adresse e-mail',
      subject: 'Confirme ta nouvelle adresse e-mail',
      summary: 'Confirme que c’est la nouvelle adresse e-mail de ton compte Turnout.',
      body: [
        'Confirme que c’est bien la nouvelle adresse e-mail de ton compte Turnout.',
        'Le lien fonctionne une fois, pendant {minutes, plural, one {# minute} other {# minutes}}.',
        'Si ce n’était pas toi, ignore cet e-mail\u00a0: rien ne change.',
      ],
      action: 'Confirmer l’adresse',
    },
    promoted: {
      about: 'les nouvelles de la liste d’attente',
      subject: 'Tu as une place\u00a0: {session}',
      summary:
        'Tu es passé(e) de la liste d’attente à une place\u00a0: tu as une place pour {session} le {when}.{credits, plural, =0 {} one { # crédit a été débité.} other { # crédits ont été débités.}}',
      body: [
        'Tu es passé(e) de la liste d’attente à une place\u00a0: tu as une place pour {session} le {when}.{credits, plural, =0 {} one { # crédit a été débité.} other { # crédits ont été débités.}}',
        'Si tu ne peux finalement pas venir, libère ta place dans l’application pour que la personne suivante l’obtienne.',
      ],
      action: 'Ouvrir la séance',
    },
    promotion_skipped: {
      about: 'les nouvelles de la liste d’attente',
      subject: 'C’était ton tour, mais sans crédit\u00a0: {session}',
      summary:
        'Ton tour sur la liste d’attente pour {session} le {when} est venu, mais tu n’avais aucun crédit utilisable\u00a0: tu attends donc toujours.',
      body: [
        'Ton tour sur la liste d’attente pour {session} le {when} est venu, mais tu n’avais aucun crédit utilisable\u00a0: tu attends donc toujours.',
        'Procure-toi une carte pour pouvoir avancer.',
      ],
      action: 'Ouvrir la séance',
    },
    spot_open: {
      about: 'les places libérées',
      subject: 'Une place s’est libérée\u00a0: {session}',
      summary:
        'Une place s’est libérée pour {session} le {when}\u00a0: inscris-toi toi-même si tu la veux encore.',
      body: [
        'Une place s’est libérée pour {session} le {when}. Si peu avant le début, elle n’est pas attribuée automatiquement\u00a0: inscris-toi toi-même si tu la veux encore.',
      ],
      action: 'Ouvrir la séance',
    },
    session_cancelled: {
      about: 'les séances annulées',
      subject: 'Annulée\u00a0: {session}',
      summary: '{session} le {when} a été annulée.',
      body: [
        '{session} le {when} a été annulée.',
        '{hasReason, select, yes {Le motif donné\u00a0: {reason}} other {}}',
        'Les crédits débités ont été rendus sur tes cartes.',
      ],
      action: 'Ouvrir le planning',
    },
    pass_granted: {
      about: 'tes cartes',
      subject: 'Tu as une nouvelle carte\u00a0: {pass}',
      summary:
        'Tu as une nouvelle carte\u00a0: {pass}{hasExpires, select, yes {, valable jusqu’au {expires}} other {}}.',
      body: [
        'Ta demande a été acceptée. Tu as une nouvelle carte\u00a0: {pass}{hasExpires, select, yes {, valable jusqu’au {expires}} other {}}.',
      ],
      action: 'Voir tes cartes',
    },
    pass_request_rejected: {
      about: 'tes demandes de carte',
      subject: 'Ta demande a été refusée\u00a0: {pass}',
      summary: 'Ta demande de {pass} a été refusée.',
      body: [
        'Ta demande de {pass} a été refusée.',
        '{hasReason, select, yes {Le motif donné\u00a0: {reason}} other {}}',
      ],
      action: 'Voir tes cartes',
    },
    session_reminder: {
      about: 'les rappels',
      subject: 'Rappel\u00a0: {session}, {when}',
      summary: 'Tu as une place pour {session} le {when}.',
      body: [
        'Pour rappel\u00a0: tu as une place pour {session} le {when}.',
        'Si tu ne peux pas venir, libère ta place dans l’application pour que quelqu’un d’autre l’obtienne.',
      ],
      action: 'Ouvrir la séance',
    },
    pass_expiring: {
      about: 'les cartes qui expirent bientôt',
      subject: 'Ta carte expire le {expires}',
      summary:
        '{unlimited, select, yes {{pass} est valable jusqu’au {expires} : séances illimitées d’ici là.} other {{pass} expire le {expires}, avec {creditsLeft, plural, one {# crédit restant} other {# crédits restants}}.}}',
      body: [
        '{unlimited, select, yes {{pass} est valable jusqu’au {expires} : séances illimitées d’ici là.} other {{pass} expire le {expires}, avec {creditsLeft, plural, one {# crédit restant} other {# crédits restants}}.}}',
        '{unlimited, select, yes {Renouvelle-la d’ici là pour continuer à venir.} other {Inscris-toi à une séance d’ici là pour {creditsLeft, plural, one {l’utiliser} other {les utiliser}}.}}',
      ],
      action: 'Voir le planning',
    },
  },
  forDependant: {
    promoted: {
      subject: '{dependant} a une place\u00a0: {session}',
      summary:
        '{dependant} est passé(e) de la liste d’attente à une place pour {session} le {when}.{credits, plural, =0 {} one { # crédit a été débité.} other { # crédits ont été débités.}}',
      body: [
        '{dependant} est passé(e) de la liste d’attente à une place pour {session} le {when}.{credits, plural, =0 {} one { # crédit a été débité.} other { # crédits ont été débités.}}',
        'Si {dependant} ne peut finalement pas venir, libère sa place dans l’application pour que la personne suivante l’obtienne.',
      ],
    },
    promotion_skipped: {
      subject: 'C’était le tour de {dependant}, mais sans crédit\u00a0: {session}',
      summary:
        'Le tour de {dependant} sur la liste d’attente pour {session} le {when} est venu, mais il n’y avait aucun crédit utilisable\u00a0: {dependant} attend donc toujours.',
      body: [
        'Le tour de {dependant} sur la liste d’attente pour {session} le {when} est venu, mais il n’y avait aucun crédit utilisable\u00a0: {dependant} attend donc toujours.',
        'Une carte pour {dependant} ou pour toi lui permet d’avancer.',
      ],
    },
    spot_open: {
      subject: 'Une place s’est libérée pour {dependant}\u00a0: {session}',
      summary:
        'Une place s’est libérée pour {session} le {when}, que {dependant} attend\u00a0: inscris {dependant} toi-même si la place est encore voulue.',
      body: [
        'Une place s’est libérée pour {session} le {when}, que {dependant} attend. Si peu avant le début, elle n’est pas attribuée automatiquement\u00a0: inscris {dependant} toi-même si la place est encore voulue.',
      ],
    },
    session_cancelled: {
      subject: 'Annulée pour {dependant}\u00a0: {session}',
      summary: '{session} le {when}, où {dependant} était inscrit(e), a été annulée.',
      body: [
        '{session} le {when}, où {dependant} était inscrit(e), a été annulée.',
        '{hasReason, select, yes {Le motif donné\u00a0: {reason}} other {}}',
        'Les crédits débités ont été rendus sur les cartes qui avaient payé.',
      ],
    },
    pass_granted: {
      subject: '{dependant} a une nouvelle carte\u00a0: {pass}',
      summary:
        '{dependant} a une nouvelle carte\u00a0: {pass}{hasExpires, select, yes {, valable jusqu’au {expires}} other {}}.',
      body: [
        '{dependant} a une nouvelle carte\u00a0: {pass}{hasExpires, select, yes {, valable jusqu’au {expires}} other {}}.',
      ],
    },
    pass_request_rejected: {
      subject: 'La demande pour {dependant} a été refusée\u00a0: {pass}',
      summary: 'La demande de {pass} pour {dependant} a été refusée.',
      body: [
        'La demande de {pass} pour {dependant} a été refusée.',
        '{hasReason, select, yes {Le motif donné\u00a0: {reason}} other {}}',
      ],
    },
    session_reminder: {
      subject: 'Rappel pour {dependant}\u00a0: {session}, {when}',
      summary: '{dependant} a une place pour {session} le {when}.',
      body: [
        'Pour rappel\u00a0: {dependant} a une place pour {session} le {when}.',
        'Si {dependant} ne peut pas venir, libère sa place dans l’application pour que quelqu’un d’autre l’obtienne.',
      ],
    },
    pass_expiring: {
      subject: 'La carte de {dependant} expire le {expires}',
      summary:
        '{unlimited, select, yes {{pass} de {dependant} est valable jusqu’au {expires} : séances illimitées d’ici là.} other {{pass} de {dependant} expire le {expires}, avec {creditsLeft, plural, one {# crédit restant} other {# crédits restants}}.}}',
      body: [
        '{unlimited, select, yes {{pass} de {dependant} est valable jusqu’au {expires} : séances illimitées d’ici là.} other {{pass} de {dependant} expire le {expires}, avec {creditsLeft, plural, one {# crédit restant} other {# crédits restants}}.}}',
        '{unlimited, select, yes {Renouvelle-la d’ici là pour que {dependant} continue à venir.} other {Inscris {dependant} à une séance d’ici là pour {creditsLeft, plural, one {l’utiliser} other {les utiliser}}.}}',
      ],
    },
  },
};
