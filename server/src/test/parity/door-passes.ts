import { phonePassDays, toIso, type DoorPass } from '@turnout/shared';
import {
  aCardCode,
  aDoorKey,
  aPhone,
  CLUB,
  memberIdOf,
  NOW,
  type TestDoorKey,
} from '@turnout/shared/testing';
import { oldestJudgedTime } from '../../sync/time.js';
import { GUEST_ID, idOf, MINUTE } from './ids.js';

/**
 * The door codes the parity property scans (`checkin.byCode`): made once
 * per test file — signing and verifying cost milliseconds, and the shared
 * verifier remembers verdicts by the signed bytes — and issued, revoked or
 * left out by each random club (club-state.ts). Good codes of every member
 * and of a guest, phones that run out around the judged times, and codes
 * that never pass: another club's, forged, tampered, not a code at all.
 */

/** The club's door key (its public half is what devices pull) and one that is not the club's. */
export const clubKey = aDoorKey();
const strangerKey = aDoorKey();
export const OTHER_CLUB = '20000000-0000-4000-8000-000000000001';

export interface PoolCode {
  /** What it is, as a failing assertion should say it. */
  label: string;
  /** The pass it carries; null for a code that is not one. */
  pass: DoorPass | null;
  /** Signed by this club: the club has it in its door passes (so may have revoked it). */
  issued: boolean;
  /** The code shown at this instant (epoch ms): a phone's changes every 30 s, a card's never. */
  codeAt(at: number): string;
}

const DAY = 24 * 60 * MINUTE;
const now = Date.parse(NOW);

function card(
  label: string,
  memberId: string,
  { key = clubKey, clubId = CLUB }: { key?: TestDoorKey; clubId?: string } = {},
): PoolCode {
  const { code, pass } = aCardCode(key, { memberId, clubId });
  return { label, pass, issued: key === clubKey && clubId === CLUB, codeAt: () => code };
}

/** A phone whose certificate runs out this long from NOW. */
function phone(
  label: string,
  memberId: string,
  runsOutIn: number,
  { key = clubKey, clubId = CLUB }: { key?: TestDoorKey; clubId?: string } = {},
): PoolCode {
  const made = aPhone(key, { memberId, clubId, issuedAt: now + runsOutIn - phonePassDays * DAY });
  // Signing is deterministic (RFC 6979): remembering a step's code only saves the work.
  const codes = new Map<number, string>();
  return {
    label,
    pass: made.pass,
    issued: key === clubKey && clubId === CLUB,
    codeAt(at) {
      const step = Math.floor(at / 30_000);
      let code = codes.get(step);
      if (code === undefined) codes.set(step, (code = made.codeAt(at)));
      return code;
    },
  };
}

/** A walk-in the club may have recorded (club-state.ts): the first guest's id. */
export const firstGuestId = idOf(GUEST_ID, 1);

const members = [1, 2, 3, 4, 5, 6].map(memberIdOf);
const tampered = card('card of 4, one character of its signature changed', memberIdOf(4));
const tamperedCode = tampered.codeAt(0);
const at = tamperedCode.length - 10;
const changed = `${tamperedCode.slice(0, at)}${tamperedCode[at] === 'A' ? 'B' : 'A'}${tamperedCode.slice(at + 1)}`;

export const doorCodes: readonly PoolCode[] = [
  ...members.map((m, i) => card(`card of ${i + 1}`, m)),
  ...members.map((m, i) => phone(`phone of ${i + 1}`, m, 29 * DAY)),
  phone('phone of 1, running out 30 minutes after NOW', memberIdOf(1), 30 * MINUTE),
  phone('phone of 2, ran out 2 days before NOW', memberIdOf(2), -2 * DAY),
  phone('phone of 5, ran out 10 days before NOW', memberIdOf(5), -10 * DAY),
  card('card of the first guest', firstGuestId),
  // Signed by the club for an id it has no member with (as if the member were gone for good).
  { ...card('card of someone not in the club', memberIdOf(9)), issued: false },
  card('card of 1 from another club', memberIdOf(1), { key: strangerKey, clubId: OTHER_CLUB }),
  phone('phone of 3 from another club', memberIdOf(3), 29 * DAY, {
    key: strangerKey,
    clubId: OTHER_CLUB,
  }),
  card('card of 1 signed by a forger', memberIdOf(1), { key: strangerKey }),
  phone('phone of 3 certified by a forger', memberIdOf(3), 29 * DAY, { key: strangerKey }),
  { ...tampered, issued: false, codeAt: () => changed },
  { label: 'not a door code', pass: null, issued: false, codeAt: () => 'not a door code' },
];

const oldestJudged = oldestJudgedTime(new Date(NOW)).getTime();
/**
 * The serials whose revocation a device pulling at NOW is told
 * (pulledDoorOf): cards, and phones not run out by the oldest time a scan
 * may be judged at. The server knows older revocations too; they decide
 * nothing, a phone that ran out being refused as expired first.
 */
export const toldSerials: readonly string[] = doorCodes.flatMap(({ pass }) =>
  pass && (pass.expiresAt === null || pass.expiresAt * 1000 > oldestJudged) ? [pass.serial] : [],
);

/** A pass as `door_passes` keeps it (its revocation chosen by the club). */
export function doorPassRow(pass: DoorPass, revoked: boolean, by: string) {
  const expiresAt = pass.expiresAt === null ? null : toIso(pass.expiresAt * 1000);
  return {
    serial: pass.serial,
    club_id: pass.clubId,
    member_id: pass.memberId,
    kind: pass.kind,
    device_key: pass.deviceKey,
    issued_at:
      expiresAt === null
        ? toIso(now - 60 * DAY)
        : toIso(pass.expiresAt! * 1000 - phonePassDays * DAY),
    issued_by: by,
    expires_at: expiresAt,
    revoked_at: revoked ? toIso(now - DAY) : null,
    revoked_by: revoked ? by : null,
  };
}
