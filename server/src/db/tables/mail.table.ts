import type { Generated, Insertable, Selectable } from 'kysely';

/**
 * One mail to send (migration 2026_12_05_0014). `data` is the JSON of the
 * values its message needs; the message is rendered when it is sent.
 */
export interface MailQueueTable {
  id: string;
  to: string;
  locale: string;
  kind: string;
  data: string;
  user_id: string | null;
  club_id: string | null;
  /** Unique when set: queueing the same key twice queues one mail. */
  dedupe_key: string | null;
  created_at: string;
  attempts: Generated<number>;
  next_attempt_at: string;
  /** While set and in the future, the sender named in `claimed_by` is sending it. */
  claimed_until: string | null;
  claimed_by: string | null;
  sent_at: string | null;
  /** Set when the sender gave up (too many attempts, or too old to be useful). */
  failed_at: string | null;
  last_error: string | null;
}

/** The server's secrets for mail, e.g. the key of unsubscribe links. */
export interface MailSecretsTable {
  name: string;
  secret: string;
  created_at: string;
}

export type MailRow = Selectable<MailQueueTable>;
export type NewMail = Insertable<MailQueueTable>;
