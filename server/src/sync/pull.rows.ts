import type {
  CreditLogEntry,
  CreditLogKind,
  Intent,
  NotificationKind,
  PulledNotification,
} from '@turnout/shared';
import type { Selectable } from 'kysely';
import type {
  CreditLogTable,
  IntentsTable,
  NotificationsTable,
} from '../db/tables/domain.tables.js';

/**
 * Row mappers for the three replicated tables that domain.rows.ts has no
 * reader for (the writer lives in writeEffects). Everything else reuses
 * domain.rows.ts.
 */

export function intentFromRow(r: Selectable<IntentsTable>): Intent {
  return {
    sessionId: r.session_id,
    memberId: r.member_id,
    going: r.going === 1,
    updatedAt: r.updated_at,
  };
}

export function creditLogFromRow(r: Selectable<CreditLogTable>): CreditLogEntry {
  return {
    id: r.id,
    passId: r.pass_id,
    memberId: r.member_id,
    delta: r.delta,
    kind: r.kind as CreditLogKind,
    balanceAfter: r.balance_after,
    expiresOnAfter: r.expires_on_after,
    sessionId: r.session_id,
    signupId: r.signup_id,
    attendanceId: r.attendance_id,
    reason: r.reason,
    byMemberId: r.by_member_id,
    at: r.at,
  };
}

export function notificationFromRow(r: Selectable<NotificationsTable>): PulledNotification {
  // writeEffects stores the session id inside `data`.
  const { sessionId, ...data } = JSON.parse(r.data) as Record<string, string | number | null>;
  return {
    id: r.id,
    memberId: r.member_id,
    kind: r.kind as NotificationKind,
    sessionId: typeof sessionId === 'string' ? sessionId : null,
    data,
    at: r.created_at,
    read: r.read_at !== null,
    readAt: r.read_at,
  };
}
