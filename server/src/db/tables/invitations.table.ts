import type { Generated, Insertable } from 'kysely';
import type { Role } from '@turnout/shared';

/** A link/code that lets people join a club with a role. Only a hash of the code is stored. */
export interface InvitationsTable {
  id: string;
  club_id: string;
  code_hash: string;
  role: Role;
  email: string | null;
  created_by: string;
  created_at: string;
  expires_at: string;
  max_uses: Generated<number>;
  uses: Generated<number>;
  revoked_at: string | null;
  /** The guest this invitation lets someone claim (migration 0012); null for a plain invitation. */
  guest_member_id: Generated<string | null>;
}

export type NewInvitation = Insertable<InvitationsTable>;
