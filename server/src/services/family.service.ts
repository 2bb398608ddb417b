import {
  FAMILY_LINK_CODE_HOURS,
  MAX_DEPENDANTS,
  type FamilyLinkCode,
  type FamilyLinked,
} from '@turnout/shared';
import { hashToken, newInviteCode, normalizeInviteCode } from '../auth/tokens.js';
import { fail } from '../errors.js';
import {
  countDependants,
  findLinkCode,
  insertLinkCode,
  linkMember,
  liveTieOf,
  useLinkCode,
} from '../repositories/family.repository.js';
import type { ServiceDeps } from './deps.js';

/**
 * Linking a teen's own account to a guardian (docs/decisions.md
 * "Dependants"): the teen makes a code on their profile (consent: nobody
 * becomes someone's dependant without showing it), the guardian enters it.
 * One use, a day at most, in this club only; only its hash is kept.
 */

interface Actor {
  clubId: string;
  memberId: string;
}

export async function createLinkCode(deps: ServiceDeps, actor: Actor): Promise<FamilyLinkCode> {
  const now = deps.clock();
  const code = newInviteCode();
  const expiresAt = new Date(now.getTime() + FAMILY_LINK_CODE_HOURS * 3_600_000).toISOString();
  await insertLinkCode(deps.db, {
    codeHash: hashToken(normalizeInviteCode(code)),
    clubId: actor.clubId,
    memberId: actor.memberId,
    at: now.toISOString(),
    expiresAt,
  });
  return { code, expiresAt };
}

export async function linkDependant(
  deps: ServiceDeps,
  actor: Actor,
  code: string,
): Promise<FamilyLinked> {
  const now = deps.clock().toISOString();
  const codeHash = hashToken(normalizeInviteCode(code));
  const linked = await deps.db.transaction().execute(async (trx) => {
    const found = await findLinkCode(trx, actor.clubId, codeHash);
    if (!found || found.removedAt !== null) fail('link_invalid');
    if (found.usedAt !== null) fail('link_used');
    if (found.expiresAt <= now) fail('link_expired');
    if (found.memberId === actor.memberId) {
      fail('invalid_args', 'This is your own code: give it to the person who links you.');
    }
    // One guardian each, and no chains: a dependant has no dependants, a guardian no guardian.
    if (await liveTieOf(trx, actor.clubId, found.memberId)) {
      fail('conflict', `${found.name} is already linked to a guardian.`);
    }
    if (await liveTieOf(trx, actor.clubId, actor.memberId)) {
      fail('not_permitted', 'A dependant cannot have dependants.');
    }
    if ((await countDependants(trx, actor.clubId, found.memberId)) > 0) {
      fail('conflict', `${found.name} is a guardian already.`);
    }
    if ((await countDependants(trx, actor.clubId, actor.memberId)) >= MAX_DEPENDANTS) {
      fail('invalid_args', `A member can have at most ${MAX_DEPENDANTS} dependants.`);
    }
    if (!(await useLinkCode(trx, codeHash, now))) fail('link_used');
    await linkMember(trx, {
      clubId: actor.clubId,
      memberId: found.memberId,
      guardianId: actor.memberId,
      at: now,
    });
    return { memberId: found.memberId, name: found.name };
  });
  // No poke: a tie is not a versioned row. The guardian's app syncs after linking (the
  // pull's scope changed, so it resets and brings the teen's records); others see it on their next pull.
  return linked;
}
