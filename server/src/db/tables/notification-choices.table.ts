import type { Selectable } from 'kysely';

/**
 * What a person chose for one kind of notification (migration 0018). A kind
 * without a row follows `defaultChoices` of @turnout/shared.
 */
export interface NotificationChoicesTable {
  user_id: string;
  /** A NotificationKind. */
  kind: string;
  in_app: number;
  email: number;
  push: number;
  updated_at: string;
}

export type NotificationChoiceRow = Selectable<NotificationChoicesTable>;
