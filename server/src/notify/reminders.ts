import { durable } from '../db/durable.js';
import { addDaysToDate, clubDate, zonedInstant } from '@turnout/shared';
import { statementsOf, type Db } from '../db/connection.js';
import type { Statements } from '../db/statements.js';
import {
  insertReminder,
  longestReminders,
  passesMaybeDue,
  sessionsDue,
} from '../repositories/reminders.repository.js';
import { newId } from '../ids.js';
import { nextVersion } from '../repositories/domain.repository.js';
import { notifyClubChanged } from '../sync/changes.js';
import { committedCounts } from '../sync/committed-counts.js';

/**
 * The reminder job (docs/rules.md, "Reminders"). Makes one in-app
 * notification per member and session (`session_reminder`) or pass and
 * expiry date (`pass_expiring`) once it is due, written like the rules'
 * notifications (with a version, the club's devices poked) and delivered
 * like any notification afterwards.
 *
 * Once only, however many app servers run it: each row carries a
 * `reminder_key` the database keeps unique, and a key already made is left
 * out of the candidates. What is read is what is due: scheduled sessions
 * starting within the longest reminder time of any club (an index on the
 * start of scheduled sessions), and passes with credits whose expiry date
 * is within the longest reminder days (an index on the expiry of passes
 * with credits) — never the history.
 */
export interface ReminderDeps {
  db: Db;
  clock: () => Date;
}

/** Reminders one pass makes at most (a backlog is worked off over a few passes). */
const defaultBatch = 200;

/** When in the club's day a pass reminder comes: not at midnight. */
export const passReminderTime = '09:00';

interface Made {
  clubId: string;
  memberId: string;
  kind: 'session_reminder' | 'pass_expiring';
  key: string;
  data: Record<string, string | number | null>;
}

/** Makes the reminders that are due; returns how many were made. */
export async function makeDueReminders(
  deps: ReminderDeps,
  options: { batch?: number } = {},
): Promise<number> {
  const batch = options.batch ?? defaultBatch;
  const now = deps.clock();
  const made = await deps.db.transaction().execute(async () => {
    // From here on, synchronous calls on the connection this transaction holds.
    const st = statementsOf(deps.db);
    const due = [...sessionReminders(st, now, batch), ...passReminders(st, now, batch)];
    if (due.length === 0) return { rows: [] as Made[], version: 0 };
    const version = nextVersion(st);
    const at = now.toISOString();
    const rows = due.filter((r) =>
      insertReminder(st, {
        id: newId(),
        clubId: r.clubId,
        memberId: r.memberId,
        kind: r.kind,
        data: JSON.stringify(r.data),
        createdAt: at,
        version,
        key: r.key,
      }),
    );
    return { rows, version };
  });
  // After commit, once on disk: the members' devices pull their new notification.
  await durable(deps.db);
  const byClub = new Map<string, Set<string>>();
  for (const r of made.rows) {
    const members = byClub.get(r.clubId) ?? new Set<string>();
    members.add(r.memberId);
    byClub.set(r.clubId, members);
  }
  for (const [clubId, members] of byClub) {
    notifyClubChanged(clubId, made.version, {
      scope: { members, sessions: new Set() },
      counts: committedCounts(deps.db),
    });
  }
  return made.rows.length;
}

function sessionReminders(st: Statements, now: Date, batch: number): Made[] {
  const longest = longestReminders(st).minutes;
  if (!longest) return [];
  const at = now.toISOString();
  const horizon = new Date(now.getTime() + longest * 60_000).toISOString();
  return sessionsDue(st, at, horizon, batch).map((s) => ({
    clubId: s.clubId,
    memberId: s.memberId,
    kind: 'session_reminder',
    key: `session_reminder:${s.sessionId}:${s.memberId}`,
    data: { sessionTitle: s.title, startsAt: s.startsAt, sessionId: s.sessionId },
  }));
}

function passReminders(st: Statements, now: Date, batch: number): Made[] {
  const longest = longestReminders(st).days;
  if (!longest) return [];
  const utcToday = now.toISOString().slice(0, 10);
  const from = addDaysToDate(utcToday, -1);
  const to = addDaysToDate(utcToday, longest + 1);
  const out: Made[] = [];
  for (const p of passesMaybeDue(st, from, to, utcToday, batch)) {
    const today = clubDate(now.getTime(), p.timezone);
    // Expired (its last day is over in the club): nothing to remind of.
    if (today > p.expiresOn) continue;
    const dueAt = zonedInstant(addDaysToDate(p.expiresOn, -p.days), passReminderTime, p.timezone);
    if (now.getTime() < Date.parse(dueAt)) continue;
    out.push({
      clubId: p.clubId,
      memberId: p.memberId,
      kind: 'pass_expiring',
      key: `pass_expiring:${p.passId}:${p.expiresOn}`,
      data: {
        passId: p.passId,
        templateId: p.templateId,
        expiresOn: p.expiresOn,
        credits: p.balance,
        sessionId: null,
        ...(p.unlimited ? { unlimited: 1 } : {}),
      },
    });
  }
  return out;
}
