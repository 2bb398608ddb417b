import type { Db } from '../db/connection.js';
import type { NotificationChoiceRow } from '../db/tables/notification-choices.table.js';

export function storedChoices(db: Db, userId: string) {
  return db
    .selectFrom('notification_choices')
    .select(['kind', 'in_app', 'email', 'push'])
    .where('user_id', '=', userId)
    .execute();
}

/** Writes whole choices, replacing what was stored for those kinds. */
export async function upsertChoices(db: Db, rows: NotificationChoiceRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('notification_choices')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['user_id', 'kind']).doUpdateSet((eb) => ({
        in_app: eb.ref('excluded.in_app'),
        email: eb.ref('excluded.email'),
        push: eb.ref('excluded.push'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}
