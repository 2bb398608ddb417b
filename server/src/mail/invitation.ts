import type { Role } from '@turnout/shared';
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { invitationSenders } from '../repositories/mail.repository.js';
import { mailConfigured, queueMail } from './queue.js';

export interface InvitationToMail {
  inviteId: string;
  clubId: string;
  /** The account that made the invitation: their name signs it, their language is the mail's. */
  inviterUserId: string;
  email: string;
  role: Role;
  code: string;
  expiresAt: string;
}

/**
 * Queues the invitation mail for an invitation made for an address. Only
 * with PUBLIC_URL: the link in a mail the club's server sends must not
 * follow the Host a request claimed. Returns whether a mail was queued.
 */
export async function queueInvitationMail(
  db: Kysely<Database>,
  config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'publicUrl'>,
  invite: InvitationToMail,
  at: Date,
): Promise<boolean> {
  if (!mailConfigured(config) || !config.publicUrl) return false;
  const { club, inviter } = await invitationSenders(db, invite.clubId, invite.inviterUserId);
  return queueMail(
    db,
    {
      to: invite.email,
      locale: inviter?.locale ?? 'en',
      kind: 'invitation',
      data: {
        clubName: club.name,
        timezone: club.timezone,
        role: invite.role,
        inviterName: inviter?.name ?? null,
        link: `${config.publicUrl}/invite/${invite.code}`,
        expiresAt: invite.expiresAt,
      },
      clubId: invite.clubId,
      dedupeKey: `invitation:${invite.inviteId}`,
    },
    at,
  );
}
