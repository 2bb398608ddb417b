import type { Effects } from '@turnout/shared';
import type { Db } from '../db/connection.js';
import { newId } from '../ids.js';
import { insertAttentionResolutions } from './attention.repository.js';
import { updateClubSettings } from './clubs.repository.js';
import {
  attendanceToRow,
  passRequestToRow,
  passToRow,
  seriesToRow,
  sessionToRow,
  signupToRow,
  templateToRow,
  trainingTypeToRow,
} from './domain.rows.js';

/**
 * Takes the next value of the server's change counter. Every row written in
 * the same change gets it, so a device that pulled up to N has seen all of
 * N's writes or none.
 */
export async function nextVersion(db: Db): Promise<number> {
  const row = await db
    .updateTable('change_counter')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', 1)
    .returning('version')
    .executeTakeFirstOrThrow();
  return row.version;
}

export async function currentVersion(db: Db): Promise<number> {
  const row = await db
    .selectFrom('change_counter')
    .select('version')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return row.version;
}

/** Everything but the key columns is replaced on conflict. */
function replaceAll<T extends object>(row: T, keys: readonly string[]) {
  return Object.fromEntries(Object.entries(row).filter(([k]) => !keys.includes(k))) as Partial<T>;
}

/**
 * Writes what a rule decided: whole rows replacing their previous version,
 * credit-log entries appended (the database moves the pass balances and
 * refuses any entry that does not add up), notifications created.
 */
export async function writeEffects(
  db: Db,
  clubId: string,
  effects: Effects,
  version: number,
  mutationId: string | null,
): Promise<void> {
  for (const t of effects.trainingTypes) {
    const row = trainingTypeToRow(t, clubId, version);
    await db
      .insertInto('training_types')
      .values(row)
      .onConflict((oc) => oc.column('id').doUpdateSet(replaceAll(row, ['id', 'club_id'])))
      .execute();
  }
  for (const s of effects.series) {
    const row = seriesToRow(s, clubId, version);
    await db
      .insertInto('series')
      .values(row)
      .onConflict((oc) => oc.column('id').doUpdateSet(replaceAll(row, ['id', 'club_id'])))
      .execute();
  }
  for (const s of effects.sessions) {
    const row = sessionToRow(s, clubId, version);
    await db
      .insertInto('sessions')
      .values(row)
      .onConflict((oc) => oc.column('id').doUpdateSet(replaceAll(row, ['id', 'club_id'])))
      .execute();
  }
  for (const i of effects.intents) {
    const row = {
      club_id: clubId,
      session_id: i.sessionId,
      member_id: i.memberId,
      going: i.going ? 1 : 0,
      updated_at: i.updatedAt,
      version,
    };
    await db
      .insertInto('intents')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['session_id', 'member_id']).doUpdateSet({
          going: row.going,
          updated_at: row.updated_at,
          version,
        }),
      )
      .execute();
  }
  for (const t of effects.templates) {
    const row = templateToRow(t, clubId, version);
    await db
      .insertInto('pass_templates')
      .values(row)
      .onConflict((oc) => oc.column('id').doUpdateSet(replaceAll(row, ['id', 'club_id'])))
      .execute();
  }
  for (const r of effects.passRequests) {
    const row = passRequestToRow(r, clubId, version);
    await db
      .insertInto('pass_requests')
      .values(row)
      .onConflict((oc) => oc.column('id').doUpdateSet(replaceAll(row, ['id', 'club_id'])))
      .execute();
  }
  for (const p of effects.passes) {
    const row = passToRow(p, clubId, version);
    await db
      .insertInto('passes')
      .values(row)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet(replaceAll(row, ['id', 'club_id', 'member_id', 'template_id'])),
      )
      .execute();
  }
  // Sign-ups before attendance: a check-in may refer to the sign-up it converts.
  for (const s of effects.signups) {
    const row = signupToRow(s, clubId, version);
    await db
      .insertInto('signups')
      .values(row)
      .onConflict((oc) => oc.column('id').doUpdateSet(replaceAll(row, ['id', 'club_id'])))
      .execute();
  }
  for (const a of effects.attendance) {
    const row = attendanceToRow(a, clubId, version);
    await db
      .insertInto('attendance')
      .values(row)
      .onConflict((oc) => oc.column('id').doUpdateSet(replaceAll(row, ['id', 'club_id'])))
      .execute();
  }
  for (const e of effects.creditLog) {
    await db
      .insertInto('credit_log')
      .values({
        id: newId(),
        club_id: clubId,
        pass_id: e.passId,
        member_id: e.memberId,
        delta: e.delta,
        kind: e.kind,
        balance_after: e.balanceAfter,
        expires_on_after: e.expiresOnAfter,
        session_id: e.sessionId,
        signup_id: e.signupId,
        attendance_id: e.attendanceId,
        reason: e.reason,
        by_member_id: e.byMemberId,
        at: e.at,
        mutation_id: mutationId,
        version,
      })
      .execute();
  }
  for (const n of effects.notifications) {
    await db
      .insertInto('notifications')
      .values({
        id: newId(),
        club_id: clubId,
        member_id: n.memberId,
        kind: n.kind,
        data: JSON.stringify({ ...n.data, sessionId: n.sessionId }),
        created_at: n.at,
        read_at: null,
        version,
      })
      .execute();
  }
  await insertAttentionResolutions(db, clubId, effects.attentionResolutions, version, mutationId);
  if (effects.settings) {
    await updateClubSettings(db, clubId, effects.settings);
    await db.updateTable('clubs').set({ version }).where('id', '=', clubId).execute();
  }
}
