import { describe, expect, it } from 'vitest';
import type { PulledDoor, PullChanges } from '../protocol/sync.js';
import { applyLocally, Replica, type LocalJudge } from '../replica/index.js';
import {
  aCardCode,
  aClubSettings,
  aDoorKey,
  aMember,
  aPass,
  aPhone,
  aSession,
  CLUB,
  HOST,
  MEMBER,
  uuid,
} from '../testing/index.js';

/**
 * `checkin.byCode` judged as a host's device judges it: on its replica,
 * offline, with the club's door key pulled with the club.
 */
/** Ten minutes before the default session: check-in is open. */
const AT = '2025-03-11T16:50:00.000Z';
const key = aDoorKey();
const session = aSession({ capacity: 10 });
const host: LocalJudge = { actor: { memberId: HOST, role: 'host' }, deviceLabel: 'Front desk' };

/** A host's device after a pull: the club (with `door`, if any), Mia, the session, her pass. */
function hostDevice({
  door = { publicKey: key.publicKey, revoked: [] },
  removed = false,
}: { door?: PulledDoor | null; removed?: boolean } = {}): Replica {
  const replica = new Replica(CLUB);
  const club = {
    id: CLUB,
    name: 'Riverside',
    settings: aClubSettings(),
    ...(door ? { door } : {}),
  };
  const changes: PullChanges = {
    club: { put: [club], del: [] },
    members: {
      put: [aMember({ memberId: MEMBER, removed }), aMember({ memberId: HOST, role: 'host' })],
      del: [],
    },
    sessions: { put: [session], del: [] },
    passes: { put: [aPass({ memberId: MEMBER, balance: 3 })], del: [] },
  };
  replica.applyChanges(changes, true);
  return replica;
}

function scan(replica: Replica, code: string, judge = host) {
  return applyLocally(replica, judge, {
    id: uuid(),
    name: 'checkin.byCode',
    args: { sessionId: session.id, code },
    occurredAt: AT,
  });
}

describe('checkin.byCode on a host’s device', () => {
  it('checks in the member a phone shows, charged like any check-in', () => {
    const replica = hostDevice();
    const phone = aPhone(key);
    expect(scan(replica, phone.codeAt(AT))).toEqual({ ok: true, flags: [] });
    const [checkIn] = replica.tables.attendance.by('member', MEMBER);
    expect(checkIn).toMatchObject({
      sessionId: session.id,
      byMemberId: HOST,
      deviceLabel: 'Front desk',
    });
    expect(replica.tables.passes.by('member', MEMBER)[0]?.balance).toBe(2);
    // Shown again a second later: nothing twice.
    expect(scan(replica, phone.codeAt(AT))).toMatchObject({
      ok: false,
      code: 'already_checked_in',
    });
  });

  it('checks in the member of a printed card', () => {
    const replica = hostDevice();
    expect(scan(replica, aCardCode(key).code)).toEqual({ ok: true, flags: [] });
  });

  it('refuses forged, expired, revoked, other-club and removed-member codes, changing nothing', () => {
    const phone = aPhone(key);
    const cases: [Replica, string, string][] = [
      [hostDevice(), aPhone(aDoorKey()).codeAt(AT), 'code_invalid'],
      [hostDevice(), phone.codeAt(new Date(AT).getTime() - 5 * 60_000), 'code_expired'],
      [
        hostDevice({ door: { publicKey: key.publicKey, revoked: [phone.pass.serial] } }),
        phone.codeAt(AT),
        'code_revoked',
      ],
      [hostDevice(), aPhone(key, { clubId: uuid() }).codeAt(AT), 'code_other_club'],
      [hostDevice({ removed: true }), phone.codeAt(AT), 'code_member_removed'],
      [hostDevice({ door: null }), phone.codeAt(AT), 'door_key_missing'],
    ];
    for (const [replica, code, expected] of cases) {
      expect(scan(replica, code)).toMatchObject({ ok: false, code: expected });
      expect(replica.tables.attendance.by('member', MEMBER)).toEqual([]);
    }
  });

  it('says when an expired code was made', () => {
    const phone = aPhone(key);
    const outcome = scan(hostDevice(), phone.codeAt('2025-03-11T16:45:10Z'));
    expect(outcome).toMatchObject({ ok: false, code: 'code_expired' });
    expect(!outcome.ok && outcome.message).toContain('It was made at 17:45');
  });

  it('is a host’s to scan: a member’s device may not check anyone in by code', () => {
    const member: LocalJudge = { actor: { memberId: MEMBER, role: 'member' }, deviceLabel: null };
    expect(scan(hostDevice(), aPhone(key).codeAt(AT), member)).toMatchObject({
      ok: false,
      code: 'not_permitted',
    });
  });
});
