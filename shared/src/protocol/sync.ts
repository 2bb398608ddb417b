import { z } from 'zod';
import type { NotificationKind } from '../rules/notifications.js';
import type {
  Attendance,
  CreditLogEntry,
  Intent,
  Pass,
  PassRequest,
  Series,
  Session,
  Signup,
  Template,
  TrainingType,
} from '../rules/types.js';
import { roles } from '../roles.js';
import type { ClubSettings } from '../settings.js';
import { id } from './accounts.js';
import { lazy } from '../lazy.js';

/**
 * `sync.pull` and `sync.changes` (docs/protocol.md). Rows are the
 * rulebook's plain shapes (camelCase), so the device can hand them to the
 * same rules the server runs.
 */

/** Every table a pull can carry, in the order a device should apply them. */
export const pullTables = [
  'club',
  'members',
  'trainingTypes',
  'series',
  'sessions',
  'sessionCounts',
  'templates',
  'intents',
  'signups',
  'attendance',
  'passes',
  'creditLog',
  'passRequests',
  'notifications',
] as const;
export type PullTable = (typeof pullTables)[number];

export const pullInput = lazy(() =>
  z.object({
    clubId: id,
    /** Opaque; whatever the last pull returned. Missing or unusable → a reset. */
    cursor: z.string().max(2000).optional(),
    /**
     * Ask for older history instead of changes: a page of what happened before
     * this instant. Does not move the main cursor.
     */
    history: z.object({ before: z.iso.datetime({ offset: true }) }).optional(),
  }),
);
export type PullInput = z.infer<typeof pullInput>;

export const changesInput = lazy(() =>
  z.object({
    clubId: id,
    /** Set by tRPC's SSE link when it reconnects: the last version seen. */
    lastEventId: z.string().max(40).nullish(),
  }),
);

/**
 * A `sync.changes` event: the club changed at `version`. With `scope`, it
 * says whom: the members whose own records changed, and the counts of the
 * sessions whose places changed. Without it, every device pulls.
 */
export interface Poke {
  version: number;
  scope?: { members: string[]; counts: SessionCount[] };
}

/**
 * What a device needs to check door codes offline: the club's door key
 * (public half) and the serials of passes the club revoked that could still
 * be shown (cards, and phones' certificates not yet expired).
 */
export const pulledDoor = lazy(() =>
  z.object({
    publicKey: z.string(),
    revoked: z.array(z.string()),
  }),
);
export type PulledDoor = z.infer<typeof pulledDoor>;

/** The club itself: its name and every setting, and its door key once it has one. */
export interface PulledClub {
  id: string;
  name: string;
  settings: ClubSettings;
  door?: PulledDoor;
}

/** A member of the club as others see them. Removed members stay for history. */
export const pulledMember = lazy(() =>
  z.object({
    memberId: id,
    name: z.string(),
    role: z.enum(roles),
    removed: z.boolean(),
    /** A walk-in nobody has claimed yet (sent only when true). */
    guest: z.literal(true).optional(),
    /** A dependant's guardian while their tie lasts (docs/decisions.md "Dependants"). */
    guardianId: id.optional(),
    /** A dependant without a login of their own (sent only when true). */
    child: z.literal(true).optional(),
    /** A child's birth year, if the guardian gave it (sent to the guardian and staff). */
    birthYear: z.number().int().optional(),
  }),
);
export type PulledMember = z.infer<typeof pulledMember>;

/** What members see instead of other people's records. */
export const sessionCount = lazy(() =>
  z.object({
    sessionId: id,
    /** Distinct members holding a place (active sign-up or non-voided check-in), see `occupancy()`. */
    occupancy: z.number().int().min(0),
    /** Members who said they are going. */
    going: z.number().int().min(0),
    waitlisted: z.number().int().min(0),
    /**
     * Sent to a member (who sees no one else's sign-ups) on the counts of a
     * session they — or a dependant of theirs — wait for: each one's place on
     * the waitlist by member id, 1 = next.
     */
    waitlistPositions: z.record(z.string(), z.number().int().min(1)).optional(),
  }),
);
export type SessionCount = z.infer<typeof sessionCount>;

/** An in-app notification for the pulling member. */
export interface PulledNotification {
  id: string;
  memberId: string;
  kind: NotificationKind;
  sessionId: string | null;
  data: Record<string, string | number | null>;
  at: string;
  read: boolean;
  readAt: string | null;
}

/** The row type of each table. */
export interface PullRows {
  club: PulledClub;
  members: PulledMember;
  trainingTypes: TrainingType;
  series: Series;
  sessions: Session;
  sessionCounts: SessionCount;
  templates: Template;
  intents: Intent;
  signups: Signup;
  attendance: Attendance;
  passes: Pass;
  creditLog: CreditLogEntry;
  passRequests: PassRequest;
  notifications: PulledNotification;
}

export interface TableChanges<Row> {
  put: Row[];
  /** Ids of rows to drop (tombstones). Ids the device never had may appear: ignore them. */
  del: string[];
}

export type PullChanges = { [T in PullTable]?: TableChanges<PullRows[T]> };

export interface PullOutput {
  /** Pass back on the next pull. On a history page: the cursor that was sent, unchanged. */
  cursor: string;
  serverTime: string;
  /** Drop every pulled row of this club before applying `changes`. */
  reset: boolean;
  changes: PullChanges;
  /** Pull again with `cursor` (or, for history, with `history.before = nextBefore`). */
  hasMore: boolean;
  /** History pages only: the `before` of the next older page, null when nothing is older. */
  nextBefore?: string | null;
}

/** The key a device stores a row under; intents have no id of their own. */
export function intentKey(intent: Pick<Intent, 'sessionId' | 'memberId'>): string {
  return `${intent.sessionId}:${intent.memberId}`;
}

/** A poke over SSE: the club changed at this version; pull to see what. */
export interface ChangeEvent {
  version: number;
}
