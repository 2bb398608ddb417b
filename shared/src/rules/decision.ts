import { errorMessages, type ErrorCode } from '../protocol/errors.js';
import type { ClubSettings } from '../settings.js';
import type { TimeInput } from '../time/index.js';
import type { FamilyLink } from './family.js';
import type { Guest, GuestVisit } from './guests.js';
import type { Explained, Explanation } from './explain.js';
import type { Notification } from './notifications.js';
import type {
  Actor,
  Attendance,
  AttentionGroupDismissal,
  AttentionResolution,
  Flag,
  Intent,
  NewCreditLogEntry,
  Pass,
  PassRequest,
  Series,
  Session,
  Signup,
  Template,
  TrainingType,
} from './types.js';

/** What every command is judged with. */
export interface CommandContext {
  actor: Actor;
  settings: ClubSettings;
  /** The judged time of the action (ISO string or epoch ms); the rules never read a clock. */
  now: TimeInput;
  /** The mutation's id: used as the id of a sign-up or attendance row the command creates. */
  mutationId: string;
  /** The label of the device that recorded the action, kept to explain conflicts later. */
  deviceLabel?: string | null;
}

export interface Promotion {
  signupId: string;
  memberId: string;
}

/**
 * What to write when a command is applied: rows to put (whole rows, new or
 * replacing the row with the same id), credit-log entries to append, flags
 * for the push result, notifications, and waitlist promotions.
 */
export interface Effects {
  sessions: Session[];
  series: Series[];
  trainingTypes: TrainingType[];
  intents: Intent[];
  signups: Signup[];
  attendance: Attendance[];
  passes: Pass[];
  templates: Template[];
  passRequests: PassRequest[];
  creditLog: NewCreditLogEntry[];
  /** The club's settings after the change, when they changed. */
  settings: ClubSettings | null;
  flags: Flag[];
  notifications: Notification[];
  promotions: Promotion[];
  /** Needs-attention items closed by the command. */
  attentionResolutions: AttentionResolution[];
  /** Groups of refused items closed at once by the command. */
  attentionDismissals: AttentionGroupDismissal[];
  /** Walk-ins recorded for the first time (a guest is a member nobody has claimed yet). */
  guests: Guest[];
  /** How walk-ins paid, one per attendance record of a guest. */
  guestVisits: GuestVisit[];
  /** Dependants added (a new child comes with its membership) or ties ended. */
  familyLinks: FamilyLink[];
}

export interface Refusal {
  ok: false;
  code: ErrorCode;
  message: string;
  /** What won, as data (capacity and credit conflicts), for devices to word it in their language. */
  explanation?: Explanation;
}

export interface Applied {
  ok: true;
  effects: Effects;
}

export type Decision = Refusal | Applied;

export function emptyEffects(): Effects {
  return {
    sessions: [],
    series: [],
    trainingTypes: [],
    intents: [],
    signups: [],
    attendance: [],
    passes: [],
    templates: [],
    passRequests: [],
    creditLog: [],
    settings: null,
    flags: [],
    notifications: [],
    promotions: [],
    attentionResolutions: [],
    attentionDismissals: [],
    guests: [],
    guestVisits: [],
    familyLinks: [],
  };
}

/** A refusal with the code's human message, optionally followed by what explains it. */
export function refuse(code: ErrorCode, detail?: string, explanation?: Explanation): Refusal {
  const base = errorMessages[code];
  const refusal: Refusal = { ok: false, code, message: detail ? `${base} ${detail}` : base };
  if (explanation) refusal.explanation = explanation;
  return refusal;
}

/** A refusal whose detail is also data, so devices word it in the person's language. */
export function refuseWith(code: ErrorCode, explained: Explained): Refusal {
  return refuse(code, explained.text, explained.explanation);
}

export function applied(effects: Partial<Effects> = {}): Applied {
  return { ok: true, effects: { ...emptyEffects(), ...effects } };
}
