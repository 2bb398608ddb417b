import { errorMessages, type ErrorCode } from '@turnout/shared';
import { attentionEn } from './sections/attention';
import { historyEn } from './sections/history';
import { manageAttentionEn, manageExportsEn, manageReportsEn } from './sections/manage-reports';
import { managePassesEn, manageRequestsEn } from './sections/manage-passes';
import { manageSessionsEn } from './sections/manage-sessions';
import { manageSettingsEn } from './sections/manage-settings';
import { manageTemplatesEn } from './sections/manage-templates';
import { notificationsEn } from './sections/notifications';
import { organizerEn } from './sections/organizer';
import { passesEn } from './sections/passes';
import { sessionEn } from './sections/session';
import { sessionsEn } from './sections/sessions';
import { conflictsEn } from './sections/conflicts';
import { syncEn, updateEn } from './sections/sync';
import { guestReportEn, kioskEn, walkInEn } from './sections/door';
import { doorCodesEn } from './sections/door-codes';
import { emailConfirmEn, forgotEn, profileEn, resetEn, staffResetEn } from './sections/account';
import { calendarEn } from './sections/calendar';
import { pushEn } from './sections/push';

/**
 * The English catalogue is the source: its shape defines every message key,
 * and the other languages must provide exactly the same keys (`Messages`).
 * Messages use ICU syntax (`{name}`, plurals) as read by svelte-i18n.
 */
export const en = {
  sync: syncEn,
  sessions: sessionsEn,
  session: sessionEn,
  update: updateEn,
  passes: passesEn,
  notifications: notificationsEn,
  history: historyEn,
  attention: attentionEn,
  organizer: organizerEn,
  manageSessions: manageSessionsEn,
  manageSettings: manageSettingsEn,
  manageTemplates: manageTemplatesEn,
  managePasses: managePassesEn,
  manageRequests: manageRequestsEn,
  manageReports: manageReportsEn,
  manageAttention: manageAttentionEn,
  manageExports: manageExportsEn,
  conflicts: conflictsEn,
  kiosk: kioskEn,
  forgot: forgotEn,
  reset: resetEn,
  emailConfirm: emailConfirmEn,
  profile: profileEn,
  staffReset: staffResetEn,
  doorCodes: doorCodesEn,
  calendar: calendarEn,
  walkIn: walkInEn,
  guestReport: guestReportEn,
  push: pushEn,
  app: {
    name: 'Turnout',
    skipToContent: 'Skip to content',
    language: 'Language',
    loading: 'Loading…',
  },
  roles: {
    member: 'Member',
    host: 'Host',
    owner: 'Owner',
  },
  form: {
    checkFields: 'Please check: {fields}',
    optional: '(optional)',
  },
  validation: {
    nameRequired: 'Enter a name',
    clubNameRequired: 'Enter the club name',
    emailInvalid: 'Enter a valid email address',
    passwordMin: 'Use at least {min} characters for the password',
    passwordRequired: 'Enter your password',
    tokenRequired: 'Enter the setup code',
    timezoneUnknown: 'Unknown time zone',
    tooLong: 'This is too long (at most {max} characters)',
    numberRange: 'Enter a whole number from {min} to {max}',
  },
  // The English wording of every refusal is defined once, in @turnout/shared.
  errors: {
    ...errorMessages,
    network: 'Turnout can’t reach the server. Check your connection and try again.',
  } satisfies Record<ErrorCode | 'network', string>,
  setup: {
    title: 'Set up your club',
    intro: 'Create your club and your owner account. You can invite everyone else afterwards.',
    checking: 'Checking this server…',
    alreadyDone: 'This server is already set up.',
    goToLogin: 'Go to login',
    token: 'Setup code',
    tokenHint: 'It is in the setup link the server printed when it first started.',
    clubSection: 'Club',
    clubName: 'Club name',
    timezone: 'Time zone',
    timezoneHint: 'Session times are shown in this time zone.',
    ownerSection: 'Your account (owner)',
    name: 'Your name',
    email: 'Email',
    password: 'Password',
    passwordHint: 'At least 10 characters.',
    submit: 'Create club',
    submitting: 'Creating club…',
  },
  login: {
    title: 'Log in',
    email: 'Email',
    password: 'Password',
    submit: 'Log in',
    submitting: 'Logging in…',
    needsSetup:
      'This server has no club yet. Open the setup link that the server printed when it first started.',
    noAccount: 'No account yet? Ask your club for an invitation link.',
  },
  invite: {
    title: 'Invitation',
    checking: 'Checking the invitation…',
    heading: 'Join {club}',
    role: 'You are invited as: {role}',
    validUntil: 'Valid until {date}',
    joinAs: 'Join as {name}',
    joining: 'Joining…',
    notYou: 'Not {name}?',
    logOut: 'Log out and use another account',
    createTitle: 'Create your account',
    name: 'Your name',
    email: 'Email',
    password: 'Password',
    passwordHint: 'At least 10 characters.',
    create: 'Create account and join',
    creating: 'Creating account…',
    haveAccount: 'Already have an account?',
    loginAndReturn: 'Log in, then come back to this invitation',
    openApp: 'Open Turnout',
  },
  shell: {
    clubLabel: 'Club',
    switchClub: 'Switch club',
    signedInAs: 'Signed in as {name}',
    logout: 'Log out',
    loggingOut: 'Logging out…',
    navigation: 'Main',
    home: 'Home',
    sessions: 'Sessions',
    passes: 'My passes',
    notifications: 'Notifications',
    people: 'People',
    unreachable: 'Turnout can’t reach the server to check your login.',
    retry: 'Try again',
  },

  people: {
    title: 'People',
    notAllowed:
      'Only hosts and owners can see the people of {club}. Your role here is {role}, so this page is not available to you.',
    backHome: 'Back to home',
    members: 'Members',
    memberCount: '{count, plural, one {# person} other {# people}}',
    loading: 'Loading people…',
    joined: 'Joined {date}',
    you: 'you',
    roleOf: 'Role of {name}',
    saveRole: 'Save role',
    remove: 'Remove',
    removeConfirm: 'Remove {name} from {club}? They lose access at once.',
    removeYes: 'Yes, remove',
    cancel: 'Cancel',
    roleChanged: '{name} is now {role}.',
    removed: '{name} was removed from the club.',
    inviteTitle: 'Invite someone',
    inviteRole: 'Role',
    inviteHostOnlyMembers: 'As a host you can invite members.',
    inviteEmail: 'Their email',
    inviteEmailHint:
      'Where this server sends mail, the invitation is emailed to this address; it is also your reminder of who it is for.',
    mailedTo: 'The invitation was emailed to {email}.',
    validDays: 'Valid for (days)',
    maxUses: 'How many people may use it',
    create: 'Create invitation',
    creating: 'Creating invitation…',
    created: 'Invitation created. Share the link or the code:',
    link: 'Link',
    code: 'Code',
    copy: 'Copy link',
    copied: 'Link copied.',
    openInvites: 'Open invitations',
    noOpenInvites: 'No open invitations.',
    inviteFor: 'for {email}',
    inviteUses: '{used} of {max} used',
    inviteUntil: 'valid until {date}',
    revoke: 'Revoke',
    revoked: 'Invitation revoked.',
  },
} as const;

export type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** What every language must provide: the same keys as English. */
export type Messages = Widen<typeof en>;

type Paths<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Paths<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** Every message key, e.g. `'login.title'`. */
export type MessageKey = Paths<Messages>;
