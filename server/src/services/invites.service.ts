import { roleAtLeast, type InviteAcceptInput, type Role } from '@turnout/shared';
import type { z } from 'zod';
import type { inviteCreateInput } from '@turnout/shared';
import { hashToken, newInviteCode, normalizeInviteCode } from '../auth/tokens.js';
import { fail } from '../errors.js';
import { newId } from '../ids.js';
import { queueInvitationMail } from '../mail/invitation.js';
import {
  findInvitationByCodeHash,
  getInvitation,
  insertInvitation,
  listOpenInvitations,
  revokeInvitation,
  useInvitation,
} from '../repositories/invitations.repository.js';
import { claimGuest, getGuest } from '../repositories/guests.repository.js';
import {
  findAnyMembership,
  insertMembership,
  restoreMembership,
} from '../repositories/memberships.repository.js';
import { createAccount, prepareAccount, type NewAccount } from './accounts.service.js';
import type { ServiceDeps } from './deps.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The member acting in a club, with the role they hold there right now. */
export interface ClubActor {
  userId: string;
  clubId: string;
  memberId: string;
  role: Role;
}

/** Owners invite any role; hosts invite members only. */
function canInvite(actor: Role, invited: Role): boolean {
  return actor === 'owner' || (actor === 'host' && invited === 'member');
}

export interface CreatedInvite {
  inviteId: string;
  code: string;
  url: string;
  role: Role;
  expiresAt: string;
  maxUses: number;
  /** Whether an invitation mail was queued to `email` (mail configured, PUBLIC_URL set). */
  mailed: boolean;
}

export async function createInvite(
  deps: ServiceDeps,
  actor: ClubActor,
  input: z.output<typeof inviteCreateInput>,
  baseUrl: string,
): Promise<CreatedInvite> {
  if (!canInvite(actor.role, input.role)) fail('not_permitted', 'Hosts can invite members only.');
  if (input.guestMemberId !== undefined) {
    // A claim is for the one guest, as a member (docs/decisions.md "Walk-ins are guests").
    const guest = await getGuest(deps.db, actor.clubId, input.guestMemberId);
    if (!guest || guest.removedAt) fail('not_found');
    if (guest.claimedAt) fail('conflict', 'This guest has already claimed an account.');
    if (input.role !== 'member' || input.maxUses !== 1) {
      fail('invalid_args', 'A guest is invited once, as a member.');
    }
  }
  const code = newInviteCode();
  const now = deps.clock();
  const expiresAt = new Date(now.getTime() + input.validDays * DAY_MS).toISOString();
  const inviteId = newId();
  // The invitation and its mail together: no mail for an invitation that was not made.
  const mailed = await deps.db.transaction().execute(async (trx) => {
    await insertInvitation(trx, {
      id: inviteId,
      club_id: actor.clubId,
      code_hash: hashToken(code),
      role: input.role,
      email: input.email ?? null,
      created_by: actor.memberId,
      created_at: now.toISOString(),
      expires_at: expiresAt,
      max_uses: input.maxUses,
      uses: 0,
      revoked_at: null,
      guest_member_id: input.guestMemberId ?? null,
    });
    if (!input.email) return false;
    return queueInvitationMail(
      trx,
      deps.config,
      {
        inviteId,
        clubId: actor.clubId,
        inviterUserId: actor.userId,
        email: input.email,
        role: input.role,
        code,
        expiresAt,
      },
      now,
    );
  });
  return {
    inviteId,
    code,
    url: `${baseUrl}/invite/${code}`,
    role: input.role,
    expiresAt,
    maxUses: input.maxUses,
    mailed,
  };
}

async function findUsableInvite(deps: ServiceDeps, code: string) {
  const invite = await findInvitationByCodeHash(deps.db, hashToken(normalizeInviteCode(code)));
  const now = deps.clock().toISOString();
  if (!invite || invite.revoked_at || invite.expires_at <= now || invite.uses >= invite.max_uses) {
    fail('invite_invalid');
  }
  return invite;
}

export async function previewInvite(deps: ServiceDeps, code: string) {
  const invite = await findUsableInvite(deps, code);
  const guest = invite.guest_member_id
    ? await getGuest(deps.db, invite.club_id, invite.guest_member_id)
    : undefined;
  return {
    clubName: invite.club_name,
    role: invite.role,
    expiresAt: invite.expires_at,
    /** Set when the invitation claims a walk-in's visits: the name they were recorded under. */
    guestName: guest && !guest.claimedAt ? guest.name : null,
  };
}

/**
 * Joins the club with the invited role, as the logged-in account or a new
 * one. Someone already in the club keeps the higher of the two roles; a
 * removed member comes back with their old member id (and history).
 */
export async function acceptInvite(
  deps: ServiceDeps,
  input: InviteAcceptInput,
  loggedInUserId: string | undefined,
): Promise<{ userId: string; clubId: string; createdAccount: boolean }> {
  if (!input.account && !loggedInUserId) fail('unauthenticated');
  const prepared: NewAccount | undefined = input.account
    ? await prepareAccount(deps, input.account)
    : undefined;
  return deps.db.transaction().execute(async (trx) => {
    const tx = { ...deps, db: trx };
    const invite = await findUsableInvite(tx, input.token);
    const userId = prepared ? await createAccount(tx, prepared) : (loggedInUserId as string);
    const existing = await findAnyMembership(trx, invite.club_id, userId);
    if (invite.guest_member_id) {
      await claimAsGuest(tx, invite.club_id, invite.guest_member_id, userId, Boolean(existing));
    } else if (existing && !existing.removed_at) {
      if (roleAtLeast(existing.role, invite.role)) fail('already_member');
      await restoreMembership(trx, existing.id, invite.role);
    } else if (existing) {
      await restoreMembership(trx, existing.id, invite.role);
    } else {
      await insertMembership(trx, {
        id: newId(),
        clubId: invite.club_id,
        userId,
        role: invite.role,
        createdAt: deps.clock().toISOString(),
      });
    }
    if (!(await useInvitation(trx, invite.id))) fail('invite_invalid');
    return { userId, clubId: invite.club_id, createdAccount: Boolean(prepared) };
  });
}

/**
 * The claim of a walk-in: the guest's membership (and with it every visit)
 * becomes the account's. An account already in the club would end up with
 * two memberships; merging histories is an organizer's job, so it is refused.
 */
async function claimAsGuest(
  deps: ServiceDeps,
  clubId: string,
  guestMemberId: string,
  userId: string,
  alreadyInClub: boolean,
) {
  if (alreadyInClub) {
    fail(
      'already_member',
      'This account is already in the club, so it cannot take over a guest’s visits. Use another account, or ask the club.',
    );
  }
  const guest = await getGuest(deps.db, clubId, guestMemberId);
  if (!guest || guest.claimedAt || guest.removedAt) fail('invite_invalid');
  const at = deps.clock().toISOString();
  const claimed = await claimGuest(
    deps.db,
    { clubId, memberId: guestMemberId, placeholderUserId: guest.userId },
    { userId, at },
  );
  if (!claimed) fail('invite_invalid');
}

export async function listInvites(deps: ServiceDeps, actor: ClubActor) {
  const rows = await listOpenInvitations(deps.db, actor.clubId, deps.clock().toISOString());
  return rows
    .filter((r) => canInvite(actor.role, r.role))
    .map((r) => ({
      inviteId: r.id,
      role: r.role,
      email: r.email,
      createdAt: r.created_at,
      expiresAt: r.expires_at,
      uses: r.uses,
      maxUses: r.max_uses,
      guestMemberId: r.guest_member_id,
    }));
}

export async function revokeInvite(deps: ServiceDeps, actor: ClubActor, inviteId: string) {
  const invite = await getInvitation(deps.db, actor.clubId, inviteId);
  if (!invite) fail('not_found');
  if (!canInvite(actor.role, invite.role)) fail('not_permitted');
  if (!invite.revoked_at) await revokeInvitation(deps.db, inviteId, deps.clock().toISOString());
  return { ok: true as const };
}
