/**
 * The words of every mail in English, the source language: its shape
 * defines the keys every other language file must have (`MailWords`).
 * Messages use ICU syntax (intl-messageformat), as the app's own texts do;
 * dates and times arrive already formatted in the club's time zone.
 *
 * Values a message can use: name, club, session, when, credits, reason,
 * hasReason (yes|no), pass, expires, hasExpires (yes|no), minutes, role,
 * inviter, hasInviter (yes|no), creditsLeft, dependant. An empty paragraph
 * is left out.
 *
 * `forDependant` words a notification about a child (a dependant without a
 * login) for their guardian, who is greeted by `name`; `dependant` is the
 * child's name. It replaces a kind's subject, summary and body; its `about`
 * and `action` stay the kind's own.
 */
export const mailWordsEn = {
  greeting: '{hasName, select, yes {Hello {name},} other {Hello,}}',
  signature: '{hasClub, select, yes {Turnout for {club}} other {Turnout}}',
  linkFallback: 'If the button does not work, copy this link into your browser:',
  accountFooter: 'You get this email because it is about your Turnout account.',
  notificationFooter:
    'You get this email because you chose email for {about}{hasClub, select, yes { at {club}} other {}}.',
  unsubscribe: 'Stop these emails',
  unsubscribeText: 'Stop these emails: {link}',
  unsubscribePage: {
    title: 'Stop emails',
    question: 'Stop the emails about {about}?',
    explain:
      'You still see these in Turnout, and you can turn the emails back on there at any time.',
    confirm: 'Stop these emails',
    done: 'Done: you no longer get emails about {about}.',
    doneExplain: 'To turn them back on, choose email for them in Turnout.',
    invalid: 'This link does not work (anymore).',
    invalidExplain: 'Choose which emails you get in Turnout, under Notifications.',
    open: 'Open Turnout',
  },
  aSession: 'a session',
  aPass: 'a pass',
  yourPass: 'your pass',
  kinds: {
    invitation: {
      about: 'invitations',
      subject: 'Join {club} on Turnout',
      summary:
        '{hasInviter, select, yes {{inviter} invited you} other {You are invited}} to join {club} as {role, select, owner {an owner} host {a host} other {a member}}.',
      body: [
        '{hasInviter, select, yes {{inviter} invited you} other {You are invited}} to join {club} on Turnout as {role, select, owner {an owner} host {a host} other {a member}}: sign up for sessions, see your passes and check in at the door.',
        '{hasExpires, select, yes {The invitation is valid until {expires}.} other {}}',
      ],
      action: 'Accept the invitation',
    },
    password_reset: {
      about: 'password resets',
      subject: 'Reset your Turnout password',
      summary: 'Someone asked to reset the password of your Turnout account.',
      body: [
        'Someone (hopefully you) asked to reset the password of your Turnout account. Choose a new one with the link below.',
        'The link works once, for {minutes, plural, one {# minute} other {# minutes}}.',
        'If you did not ask for this, ignore this email: your password stays as it is.',
      ],
      action: 'Choose a new password',
    },
    email_change: {
      about: 'email changes',
      subject: 'Confirm your new email address',
      summary: 'Confirm that this is the new email address of your Turnout account.',
      body: [
        'Please confirm that this is the new email address of your Turnout account.',
        'The link works once, for {minutes, plural, one {# minute} other {# minutes}}.',
        'If you did not ask for this, ignore this email: nothing changes.',
      ],
      action: 'Confirm this address',
    },
    promoted: {
      about: 'waitlist news',
      subject: 'You have a place: {session}',
      summary:
        'You moved up from the waitlist: you have a place in {session} on {when}.{credits, plural, =0 {} one { # credit was charged.} other { # credits were charged.}}',
      body: [
        'You moved up from the waitlist: you have a place in {session} on {when}.{credits, plural, =0 {} one { # credit was charged.} other { # credits were charged.}}',
        'If you cannot come after all, sign out in the app so the next person gets the place.',
      ],
      action: 'Open the session',
    },
    promotion_skipped: {
      about: 'waitlist news',
      subject: 'Your turn came, but no credits: {session}',
      summary:
        'Your turn on the waitlist for {session} on {when} came, but you had no usable credits, so you are still waiting.',
      body: [
        'Your turn on the waitlist for {session} on {when} came, but you had no usable credits, so you are still waiting.',
        'Get a pass to be able to move up.',
      ],
      action: 'Open the session',
    },
    spot_open: {
      about: 'open spots',
      subject: 'A spot opened: {session}',
      summary: 'A spot opened in {session} on {when}: sign up yourself if you still want it.',
      body: [
        'A spot opened in {session} on {when}. It is close to the start, so it was not given out automatically: sign up yourself if you still want it.',
      ],
      action: 'Open the session',
    },
    session_cancelled: {
      about: 'cancelled sessions',
      subject: 'Cancelled: {session}',
      summary: '{session} on {when} was cancelled.',
      body: [
        '{session} on {when} was cancelled.',
        '{hasReason, select, yes {The reason given: {reason}} other {}}',
        'Any credits it had charged were returned to your passes.',
      ],
      action: 'Open the schedule',
    },
    pass_granted: {
      about: 'your passes',
      subject: 'You got a new pass: {pass}',
      summary:
        'You got a new pass: {pass}{hasExpires, select, yes {, valid until {expires}} other {}}.',
      body: [
        'Your request was approved. You got a new pass: {pass}{hasExpires, select, yes {, valid until {expires}} other {}}.',
      ],
      action: 'See your passes',
    },
    pass_request_rejected: {
      about: 'your pass requests',
      subject: 'Your request was declined: {pass}',
      summary: 'Your request for {pass} was declined.',
      body: [
        'Your request for {pass} was declined.',
        '{hasReason, select, yes {The reason given: {reason}} other {}}',
      ],
      action: 'See your passes',
    },
    session_reminder: {
      about: 'reminders',
      subject: 'Reminder: {session}, {when}',
      summary: 'You have a place in {session} on {when}.',
      body: [
        'A reminder: you have a place in {session} on {when}.',
        'If you cannot come, sign out in the app so someone else can have the place.',
      ],
      action: 'Open the session',
    },
    pass_expiring: {
      about: 'passes about to expire',
      subject: 'Your pass expires on {expires}',
      summary:
        '{unlimited, select, yes {{pass} is valid until {expires}: unlimited sessions until then.} other {{pass} expires on {expires} with {creditsLeft, plural, one {# credit} other {# credits}} left.}}',
      body: [
        '{unlimited, select, yes {{pass} is valid until {expires}: unlimited sessions until then.} other {{pass} expires on {expires} with {creditsLeft, plural, one {# credit} other {# credits}} left.}}',
        '{unlimited, select, yes {Renew it before then to keep coming.} other {Sign up for a session before then to use them.}}',
      ],
      action: 'See the schedule',
    },
  },
  forDependant: {
    promoted: {
      subject: '{dependant} has a place: {session}',
      summary:
        '{dependant} moved up from the waitlist and has a place in {session} on {when}.{credits, plural, =0 {} one { # credit was charged.} other { # credits were charged.}}',
      body: [
        '{dependant} moved up from the waitlist and has a place in {session} on {when}.{credits, plural, =0 {} one { # credit was charged.} other { # credits were charged.}}',
        'If {dependant} cannot come after all, sign them out in the app so the next person gets the place.',
      ],
    },
    promotion_skipped: {
      subject: '{dependant}’s turn came, but no credits: {session}',
      summary:
        '{dependant}’s turn on the waitlist for {session} on {when} came, but there were no usable credits, so {dependant} is still waiting.',
      body: [
        '{dependant}’s turn on the waitlist for {session} on {when} came, but there were no usable credits, so {dependant} is still waiting.',
        'A pass for {dependant} or for you lets them move up.',
      ],
    },
    spot_open: {
      subject: 'A spot opened for {dependant}: {session}',
      summary:
        'A spot opened in {session} on {when}, which {dependant} is waiting for: sign them up yourself if they still want it.',
      body: [
        'A spot opened in {session} on {when}, which {dependant} is waiting for. It is close to the start, so it was not given out automatically: sign {dependant} up yourself if they still want it.',
      ],
    },
    session_cancelled: {
      subject: 'Cancelled for {dependant}: {session}',
      summary: '{session} on {when}, which {dependant} signed up for, was cancelled.',
      body: [
        '{session} on {when}, which {dependant} signed up for, was cancelled.',
        '{hasReason, select, yes {The reason given: {reason}} other {}}',
        'Any credits it had charged were returned to the passes that paid.',
      ],
    },
    pass_granted: {
      subject: '{dependant} got a new pass: {pass}',
      summary:
        '{dependant} got a new pass: {pass}{hasExpires, select, yes {, valid until {expires}} other {}}.',
      body: [
        '{dependant} got a new pass: {pass}{hasExpires, select, yes {, valid until {expires}} other {}}.',
      ],
    },
    pass_request_rejected: {
      subject: 'The request for {dependant} was declined: {pass}',
      summary: 'The request for {pass} for {dependant} was declined.',
      body: [
        'The request for {pass} for {dependant} was declined.',
        '{hasReason, select, yes {The reason given: {reason}} other {}}',
      ],
    },
    session_reminder: {
      subject: 'Reminder for {dependant}: {session}, {when}',
      summary: '{dependant} has a place in {session} on {when}.',
      body: [
        'A reminder: {dependant} has a place in {session} on {when}.',
        'If {dependant} cannot come, sign them out in the app so someone else can have the place.',
      ],
    },
    pass_expiring: {
      subject: '{dependant}’s pass expires on {expires}',
      summary:
        '{unlimited, select, yes {{pass} for {dependant} is valid until {expires}: unlimited sessions until then.} other {{pass} for {dependant} expires on {expires} with {creditsLeft, plural, one {# credit} other {# credits}} left.}}',
      body: [
        '{unlimited, select, yes {{pass} for {dependant} is valid until {expires}: unlimited sessions until then.} other {{pass} for {dependant} expires on {expires} with {creditsLeft, plural, one {# credit} other {# credits}} left.}}',
        '{unlimited, select, yes {Renew it before then so {dependant} can keep coming.} other {Sign {dependant} up for a session before then to use {creditsLeft, plural, one {it} other {them}}.}}',
      ],
    },
  },
} as const;

type Widen<T> = T extends string
  ? string
  : T extends readonly (infer U)[]
    ? readonly Widen<U>[]
    : { [K in keyof T]: Widen<T[K]> };

/** What every language file provides: the same keys as English. */
export type MailWords = Widen<typeof mailWordsEn>;
