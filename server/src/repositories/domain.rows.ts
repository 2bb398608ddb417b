import type {
  Attendance,
  CreditLogEntry,
  CreditLogKind,
  Flag,
  Intent,
  NotificationKind,
  Pass,
  PassRequest,
  PassTerms,
  PulledNotification,
  Series,
  Session,
  Signup,
  Template,
  TrainingType,
} from '@turnout/shared';
import type { Selectable } from 'kysely';
import type {
  AttendanceTable,
  CreditLogTable,
  IntentsTable,
  NotificationsTable,
  PassesTable,
  PassRequestsTable,
  PassTemplatesTable,
  SeriesTable,
  SessionsTable,
  SignupsTable,
  TrainingTypesTable,
} from '../db/tables/domain.tables.js';

/**
 * Mapping between SQLite rows (snake_case, 0/1, JSON text) and the rulebook's
 * plain data. One place, so the rules never see storage.
 */

const bool = (v: number) => v === 1;
const bit = (v: boolean) => (v ? 1 : 0);
const json = <T>(text: string): T => JSON.parse(text) as T;

export function sessionFromRow(r: Selectable<SessionsTable>): Session {
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    trainingTypeId: r.training_type_id,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    location: r.location,
    capacity: r.capacity,
    creditCost: r.credit_cost,
    status: r.status,
    cancelReason: r.cancel_reason,
    seriesId: r.series_id,
  };
}

export function sessionToRow(s: Session, clubId: string, version: number): SessionsTable {
  return {
    id: s.id,
    club_id: clubId,
    series_id: s.seriesId,
    title: s.title,
    description: s.description,
    training_type_id: s.trainingTypeId,
    starts_at: s.startsAt,
    ends_at: s.endsAt,
    location: s.location,
    capacity: s.capacity,
    credit_cost: s.creditCost,
    status: s.status,
    cancel_reason: s.cancelReason,
    version,
  };
}

export function seriesFromRow(r: Selectable<SeriesTable>): Series {
  return {
    id: r.id,
    weekdays: json<number[]>(r.weekdays),
    startTime: r.start_time,
    durationMinutes: r.duration_minutes,
    fromDate: r.from_date,
    untilDate: r.until_date,
    title: r.title,
    description: r.description,
    trainingTypeId: r.training_type_id,
    location: r.location,
    capacity: r.capacity,
    creditCost: r.credit_cost,
  };
}

export function seriesToRow(s: Series, clubId: string, version: number): SeriesTable {
  return {
    id: s.id,
    club_id: clubId,
    weekdays: JSON.stringify(s.weekdays),
    start_time: s.startTime,
    duration_minutes: s.durationMinutes,
    from_date: s.fromDate,
    until_date: s.untilDate,
    title: s.title,
    description: s.description,
    training_type_id: s.trainingTypeId,
    location: s.location,
    capacity: s.capacity,
    credit_cost: s.creditCost,
    version,
  };
}

export function trainingTypeFromRow(r: Selectable<TrainingTypesTable>): TrainingType {
  return { id: r.id, name: r.name, archived: bool(r.archived) };
}

export function trainingTypeToRow(t: TrainingType, clubId: string, version: number) {
  return { id: t.id, club_id: clubId, name: t.name, archived: bit(t.archived), version };
}

export function signupFromRow(r: Selectable<SignupsTable>): Signup {
  return {
    id: r.id,
    sessionId: r.session_id,
    memberId: r.member_id,
    status: r.status,
    position: r.position,
    charges: json(r.charges),
    lateCancel: bool(r.late_cancel),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    byMemberId: r.by_member_id,
    deviceLabel: r.device_label,
  };
}

export function signupToRow(s: Signup, clubId: string, version: number): SignupsTable {
  return {
    id: s.id,
    club_id: clubId,
    session_id: s.sessionId,
    member_id: s.memberId,
    status: s.status,
    position: s.position,
    charges: JSON.stringify(s.charges),
    late_cancel: bit(s.lateCancel),
    created_at: s.createdAt,
    updated_at: s.updatedAt,
    by_member_id: s.byMemberId,
    device_label: s.deviceLabel,
    version,
  };
}

export function attendanceFromRow(r: Selectable<AttendanceTable>): Attendance {
  return {
    id: r.id,
    sessionId: r.session_id,
    memberId: r.member_id,
    credits: r.credits,
    charges: json(r.charges),
    signupCredits: r.signup_credits,
    unpaidCredits: r.unpaid_credits,
    flags: json<Flag[]>(r.flags),
    backfilled: bool(r.backfilled),
    voided: bool(r.voided),
    voidReason: r.void_reason,
    voidedAt: r.voided_at,
    voidedBy: r.voided_by,
    checkedInAt: r.checked_in_at,
    updatedAt: r.updated_at,
    byMemberId: r.by_member_id,
    deviceLabel: r.device_label,
  };
}

export function attendanceToRow(a: Attendance, clubId: string, version: number): AttendanceTable {
  return {
    id: a.id,
    club_id: clubId,
    session_id: a.sessionId,
    member_id: a.memberId,
    credits: a.credits,
    charges: JSON.stringify(a.charges),
    signup_credits: a.signupCredits,
    unpaid_credits: a.unpaidCredits,
    flags: JSON.stringify(a.flags),
    backfilled: bit(a.backfilled),
    voided: bit(a.voided),
    void_reason: a.voidReason,
    voided_at: a.voidedAt,
    voided_by: a.voidedBy,
    checked_in_at: a.checkedInAt,
    updated_at: a.updatedAt,
    by_member_id: a.byMemberId,
    device_label: a.deviceLabel,
    version,
  };
}

export function templateFromRow(r: Selectable<PassTemplatesTable>): Template {
  return {
    id: r.id,
    names: json(r.names),
    descriptions: json(r.descriptions),
    sessions: r.sessions,
    kind: r.kind,
    weeklyCap: r.weekly_cap,
    priceMinor: r.price_minor,
    currency: r.currency,
    validityDays: r.validity_days,
    trainingTypeIds: json(r.training_type_ids),
    deletedAt: r.deleted_at,
  };
}

export function templateToRow(t: Template, clubId: string, version: number): PassTemplatesTable {
  return {
    id: t.id,
    club_id: clubId,
    names: JSON.stringify(t.names),
    descriptions: JSON.stringify(t.descriptions),
    kind: t.kind ?? 'credits',
    sessions: t.sessions,
    weekly_cap: t.weeklyCap ?? null,
    price_minor: t.priceMinor,
    currency: t.currency,
    validity_days: t.validityDays,
    training_type_ids: JSON.stringify(t.trainingTypeIds),
    deleted_at: t.deletedAt,
    version,
  };
}

export function passFromRow(r: Selectable<PassesTable>): Pass {
  return {
    id: r.id,
    memberId: r.member_id,
    templateId: r.template_id,
    terms: json<PassTerms>(r.terms),
    balance: r.balance,
    grantedOn: r.granted_on,
    grantedAt: r.granted_at,
    expiresOn: r.expires_on,
    active: bool(r.active),
    requestId: r.request_id,
    ...(json<PassTerms>(r.terms).kind === 'time'
      ? { weekUses: json<Record<string, number>>(r.week_uses) }
      : {}),
  };
}

/** Everything but the balance, which only the credit log moves. */
export function passToRow(p: Pass, clubId: string, version: number) {
  return {
    id: p.id,
    club_id: clubId,
    member_id: p.memberId,
    template_id: p.templateId,
    terms: JSON.stringify(p.terms),
    granted_on: p.grantedOn,
    granted_at: p.grantedAt,
    expires_on: p.expiresOn,
    active: bit(p.active),
    request_id: p.requestId,
    week_uses: JSON.stringify(p.weekUses ?? {}),
    version,
  };
}

export function passRequestFromRow(r: Selectable<PassRequestsTable>): PassRequest {
  return {
    id: r.id,
    memberId: r.member_id,
    templateId: r.template_id,
    note: r.note,
    status: r.status,
    createdAt: r.created_at,
    decidedAt: r.decided_at,
    decidedBy: r.decided_by,
    reason: r.reason,
    passId: r.pass_id,
  };
}

export function passRequestToRow(
  r: PassRequest,
  clubId: string,
  version: number,
): PassRequestsTable {
  return {
    id: r.id,
    club_id: clubId,
    member_id: r.memberId,
    template_id: r.templateId,
    note: r.note,
    status: r.status,
    created_at: r.createdAt,
    decided_at: r.decidedAt,
    decided_by: r.decidedBy,
    reason: r.reason,
    pass_id: r.passId,
    version,
  };
}

// Read only: intents, credit-log entries and notifications are written by
// effectWrites (domain.repository.ts) column by column.

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
