import { checkDoorCode, type DoorCheck } from '../door/verify.js';
import type { ClubSettings } from '../settings.js';
import { toMs } from '../time/index.js';
import { isStaff } from './access.js';
import { refuse, refuseWith, type CommandContext, type Refusal } from './decision.js';
import { explain } from './explain.js';

/** What the door rules read about the club: its id, door key and revocations, and its members. */
export interface DoorClubFacts {
  door(): { clubId: string; publicKey: string | null };
  doorPassRevoked(serial: string): boolean;
  isActiveMember(memberId: string): boolean;
}

/**
 * Who a scanned door code lets in (spec §9.1): only a host's or owner's
 * device checks codes; the code must be the club's, signed by its door key
 * (and, from a phone, by that phone, for the current minute), not revoked,
 * of a member still in the club.
 */
export function admitByCode(
  ctx: CommandContext,
  code: string,
  facts: DoorClubFacts,
): { ok: true; memberId: string } | Refusal {
  if (!isStaff(ctx.actor)) return refuse('not_permitted');
  const { clubId, publicKey } = facts.door();
  const check = checkDoorCode(code, {
    clubId,
    doorKey: publicKey,
    now: toMs(ctx.now),
    isRevoked: (serial) => facts.doorPassRevoked(serial),
    isActiveMember: (memberId) => facts.isActiveMember(memberId),
  });
  if (check.ok) return { ok: true, memberId: check.pass.memberId };
  return doorRefusal(check, ctx.settings);
}

/** A refused code, said plainly: an expired one says what ran out and when. */
export function doorRefusal(check: Extract<DoorCheck, { ok: false }>, settings: ClubSettings) {
  if (check.code !== 'code_expired' || !check.expired) return refuse(check.code);
  const { what, at } = check.expired;
  return what === 'code'
    ? refuseWith('code_expired', explain.codeMade(at, settings.timezone))
    : refuseWith('code_expired', explain.phonePassRanOut(at, settings.timezone));
}
