import type { MutationArgs } from '../protocol/mutations.js';
import {
  addDaysToDate,
  addMinutes,
  daysBetween,
  isoWeekday,
  toIso,
  toMs,
  zonedInstant,
} from '../time/index.js';
import { canManageSessions } from './access.js';
import { applied, refuse, type CommandContext, type Decision } from './decision.js';
import type { Notification } from './notifications.js';
import { PassLedger } from './passes.js';
import { cancelInto, checkTrainingType } from './sessions.js';
import type {
  Attendance,
  ClubDate,
  Instant,
  Pass,
  Series,
  Session,
  Signup,
  TrainingType,
} from './types.js';

/**
 * Weekly series: sessions on given weekdays at a club-local time between two
 * dates. Occurrences are computed in the club's time zone, so 18:00 stays
 * 18:00 local across DST changes.
 */

export interface Occurrence {
  id: string;
  date: ClubDate;
  startsAt: Instant;
  endsAt: Instant;
}

/**
 * A stable session id for the occurrence of a series on a date, so that the
 * server and an offline device derive the same ids. It is a UUIDv8 (RFC 9562
 * "custom") built from a 128-bit hash of `seriesId/date`; the store's
 * primary key still guards uniqueness.
 */
export function occurrenceId(seriesId: string, date: ClubDate): string {
  const hex = hash128(`${seriesId}/${date}`)
    .map((n) => n.toString(16).padStart(8, '0'))
    .join('');
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** cyrb128: a small, well-mixed, non-cryptographic 128-bit string hash. */
function hash128(str: string): number[] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

export type SeriesSchedule = Pick<
  Series,
  'id' | 'weekdays' | 'startTime' | 'durationMinutes' | 'fromDate' | 'untilDate'
>;

/** Every occurrence of a series, in date order, with DST-correct instants. */
export function generateOccurrences(series: SeriesSchedule, timezone: string): Occurrence[] {
  const out: Occurrence[] = [];
  const days = daysBetween(series.fromDate, series.untilDate);
  for (let i = 0; i <= days; i++) {
    const date = addDaysToDate(series.fromDate, i);
    if (!series.weekdays.includes(isoWeekday(date))) continue;
    const startsAt = zonedInstant(date, series.startTime, timezone);
    out.push({
      id: occurrenceId(series.id, date),
      date,
      startsAt,
      endsAt: toIso(addMinutes(startsAt, series.durationMinutes)),
    });
  }
  return out;
}

function sessionFor(series: Series, occ: Occurrence): Session {
  return {
    id: occ.id,
    title: series.title,
    description: series.description,
    trainingTypeId: series.trainingTypeId,
    startsAt: occ.startsAt,
    endsAt: occ.endsAt,
    location: series.location,
    capacity: series.capacity,
    creditCost: series.creditCost,
    status: 'scheduled',
    cancelReason: null,
    seriesId: series.id,
  };
}

/** Decision: creating a series creates every occurrence in its range, past ones too (so they can be backfilled). */
export function createSeries(
  ctx: CommandContext,
  args: MutationArgs<'series.create'>,
  facts: { existing: Series | null; trainingType: TrainingType | null },
): Decision {
  if (!canManageSessions(ctx.actor, ctx.settings)) return refuse('not_permitted');
  if (facts.existing) return refuse('id_taken');
  const bad = checkTrainingType(args.trainingTypeId, facts.trainingType);
  if (bad) return bad;
  const series: Series = {
    id: args.seriesId,
    weekdays: [...args.weekdays].sort(),
    startTime: args.startTime,
    durationMinutes: args.durationMinutes,
    fromDate: args.fromDate,
    untilDate: args.untilDate,
    title: args.title,
    description: args.description ?? null,
    trainingTypeId: args.trainingTypeId ?? null,
    location: args.location ?? null,
    capacity: args.capacity ?? null,
    creditCost: args.creditCost ?? 1,
  };
  const occurrences = generateOccurrences(series, ctx.settings.timezone);
  return applied({ series: [series], sessions: occurrences.map((o) => sessionFor(series, o)) });
}

interface SeriesOccurrenceFacts {
  session: Session;
  /** All sign-ups and attendance of the occurrence (needed if the edit cancels it). */
  signups: readonly Signup[];
  attendance: readonly Attendance[];
}

/**
 * Edit a series: only occurrences that have not started change. Future
 * occurrences still in the schedule take the new fields and times (Decision:
 * this overwrites one-off edits of those occurrences; cancelled ones stay
 * cancelled); new dates get new sessions; future occurrences no longer in
 * the schedule are cancelled exactly like `session.cancel` (credits
 * returned, people notified). Started and past occurrences are untouched.
 */
export function updateSeries(
  ctx: CommandContext,
  args: MutationArgs<'series.update'>,
  facts: {
    series: Series | null;
    trainingType: TrainingType | null;
    occurrences: readonly SeriesOccurrenceFacts[];
    /** Every pass charged by a future occurrence's sign-ups or check-ins. */
    passes: readonly Pass[];
  },
): Decision {
  if (!canManageSessions(ctx.actor, ctx.settings)) return refuse('not_permitted');
  const old = facts.series;
  if (!old) return refuse('not_found');
  if (args.trainingTypeId !== undefined && args.trainingTypeId !== old.trainingTypeId) {
    const bad = checkTrainingType(args.trainingTypeId, facts.trainingType);
    if (bad) return bad;
  }
  const next: Series = {
    ...old,
    weekdays: args.weekdays ? [...args.weekdays].sort() : old.weekdays,
    startTime: args.startTime ?? old.startTime,
    durationMinutes: args.durationMinutes ?? old.durationMinutes,
    fromDate: args.fromDate ?? old.fromDate,
    untilDate: args.untilDate ?? old.untilDate,
    title: args.title ?? old.title,
    description: args.description === undefined ? old.description : args.description,
    trainingTypeId: args.trainingTypeId === undefined ? old.trainingTypeId : args.trainingTypeId,
    location: args.location === undefined ? old.location : args.location,
    capacity: args.capacity === undefined ? old.capacity : args.capacity,
    creditCost: args.creditCost ?? old.creditCost,
  };
  if (next.untilDate < next.fromDate) {
    return refuse('invalid_args', 'The series must end on or after its first date.');
  }
  const now = toMs(ctx.now);
  const at = toIso(ctx.now);
  const existing = new Map(facts.occurrences.map((o) => [o.session.id, o]));
  const wanted = generateOccurrences(next, ctx.settings.timezone);
  const wantedIds = new Set(wanted.map((o) => o.id));
  const sessions: Session[] = [];
  const signups: Signup[] = [];
  const attendance: Attendance[] = [];
  const notifications: Notification[] = [];
  const ledger = new PassLedger(facts.passes, ctx.actor.memberId, at);

  for (const occ of wanted) {
    const have = existing.get(occ.id)?.session;
    if (have) {
      if (have.status === 'cancelled' || toMs(have.startsAt) <= now) continue;
      sessions.push({ ...sessionFor(next, occ), cancelReason: null });
    } else if (toMs(occ.startsAt) > now) {
      sessions.push(sessionFor(next, occ));
    }
  }
  for (const o of facts.occurrences) {
    const s = o.session;
    if (wantedIds.has(s.id) || s.seriesId !== old.id) continue;
    if (s.status === 'cancelled' || toMs(s.startsAt) <= now) continue;
    const done = cancelInto(ctx, ledger, s, o.signups, o.attendance, 'Removed from the series');
    sessions.push(done.session);
    signups.push(...done.signups);
    attendance.push(...done.attendance);
    notifications.push(...done.notifications);
  }
  return applied({
    series: [next],
    sessions,
    signups,
    attendance,
    notifications,
    passes: ledger.changed(),
    creditLog: ledger.entries,
  });
}
