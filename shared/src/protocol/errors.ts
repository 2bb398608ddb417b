/**
 * Every refusal and error Turnout answers with has a stable code (for
 * programs) and a human message (for people), defined once here so the
 * server, the app and the docs say the same thing.
 */
export const errorMessages = {
  // General
  invalid_args: 'Some of the details sent are missing or not valid.',
  unauthenticated: 'Please log in to continue.',
  not_permitted: 'Your role in this club does not allow this.',
  not_found: 'That does not exist, or it is not in this club.',
  bad_origin: 'This request came from a page that is not Turnout, so it was refused.',
  rate_limited: 'Too many attempts. Please wait a minute and try again.',
  too_large: 'This is more than the server takes in one go.',
  busy: 'The server is busy. Your changes are kept and will be sent shortly.',
  internal: 'Something went wrong on the server. Nothing was changed; please try again.',
  // Setup and accounts
  already_set_up: 'This setup link has already been used.',
  invalid_setup_token: 'This setup link is not valid. Use the link printed by the server.',
  invalid_credentials: 'That email and password do not match an account.',
  email_taken: 'An account with this email already exists. Log in to accept the invitation.',
  invite_invalid: 'This invitation is not valid any more. Ask for a new one.',
  already_member: 'You are already a member of this club.',
  last_owner: 'A club needs at least one owner. Make someone else owner first.',
  // Passwords and profile
  link_invalid:
    'This link or code is not valid. Check that it was copied whole, or ask for a new one.',
  link_expired: 'This link has expired. Ask for a new one.',
  link_used:
    'This link was already used, or a newer one was made since. Use the newest one, or ask for a new one.',
  wrong_password: 'Your current password is not right.',
  mail_not_configured:
    'This server does not send email. Ask a host or owner of your club for a reset link.',
  // Domain refusals (sync protocol)
  session_full: 'The session is full.',
  session_cancelled: 'The session was cancelled.',
  session_started: 'The session has already started.',
  insufficient_credits: 'There are no usable credits on your passes for this session.',
  already_checked_in: 'Already checked in to this session.',
  check_in_closed: 'Check-in is not open for this session right now.',
  outside_backfill_window: 'This session ended too long ago to record or correct attendance.',
  template_in_use: 'This pass template is used by an active pass and cannot be deleted.',
  conflict: 'This conflicts with a change made elsewhere.',
  feature_disabled: 'This club has turned this feature off.',
  id_taken: 'That id is already used by something else. Nothing was changed.',
  // Door codes (QR check-in)
  code_invalid: 'This is not a valid check-in code of this club: it may be forged or damaged.',
  code_other_club: 'This check-in code belongs to another club.',
  door_key_missing:
    'This device does not have the club’s code key yet. Connect once so it can sync, then scan again.',
  code_member_removed: 'This check-in code is of someone who is no longer a member of the club.',
  code_revoked: 'This check-in code was revoked by the club.',
  code_expired: 'This check-in code has expired.',
} as const;

export type ErrorCode = keyof typeof errorMessages;

export const errorCodes = Object.keys(errorMessages) as ErrorCode[];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && value in errorMessages;
}

/**
 * One field's problem in an `invalid_args` answer: where, the schema's
 * English message, and the schema's issue code with its limits, from which
 * a device words the problem in the person's language.
 */
export interface FieldIssue {
  path: string;
  message: string;
  /** The schema's issue code (`too_small`, `too_big`, `invalid_format`, …). */
  code?: string;
  minimum?: number;
  maximum?: number;
  format?: string;
}

/** The shape of `error.data` on every tRPC error Turnout returns. */
export interface ErrorData {
  code: ErrorCode;
  httpStatus: number;
  /** Field paths and messages when `code` is `invalid_args`. */
  issues?: FieldIssue[];
  /**
   * With `rate_limited` and `busy` (HTTP 429/503): wait this long before
   * trying again. The same value is sent in the `Retry-After` header.
   */
  retryAfterSeconds?: number;
}
