import {
  explainCreditUse,
  waitlistOrder,
  type ClubSettings,
  type FactSource,
  type Pass,
} from '@turnout/shared';
import { expect } from 'vitest';

/** The ids a club's facts are asked about. */
export interface FactIds {
  sessions: readonly string[];
  members: readonly string[];
  passes: readonly string[];
  templates: readonly string[];
  requests: readonly string[];
  /** Serials of door passes (issued by the club or not). */
  doorPasses: readonly string[];
}

const byId = (passes: readonly Pass[]) => [...passes].sort((a, b) => (a.id < b.id ? -1 : 1));

/**
 * Asks both fact sources every question a rule may ask about these ids and
 * expects the same answers, in the form the rules use them: passes as a set
 * (the rules put them in pay order), the waitlist in promotion order, the
 * latest credit use as `insufficient_credits` words it. Catches a fact that
 * differs before any random mutation happens to ask for it.
 */
export function expectSameFacts(
  server: FactSource,
  device: FactSource,
  named: FactIds,
  settings: ClubSettings,
): void {
  // Each id once: callers never ask for one twice (e.g. the passes a session's records were charged to).
  const ids = Object.fromEntries(
    Object.entries(named).map(([kind, list]) => [kind, [...new Set(list)]]),
  ) as unknown as FactIds;
  // One comparison of everything: the diff names the questions answered differently.
  expect(answers(server, ids, settings)).toEqual(answers(device, ids, settings));
}

function answers(f: FactSource, ids: FactIds, settings: ClubSettings): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const s of ids.sessions) {
    out[`session ${s}`] = f.session(s);
    out[`occupancy of ${s}`] = f.occupancy(s);
    out[`waitlist of ${s}`] = waitlistOrder(f.waitlist(s));
    out[`sign-ups of ${s}`] = f.signups(s);
    out[`attendance of ${s}`] = f.attendance(s);
    out[`place records of ${s}`] = f.placeRecords(s);
    for (const m of ids.members) {
      out[`sign-up of ${m} in ${s}`] = f.memberSignup(s, m);
      out[`attendance of ${m} in ${s}`] = f.memberAttendance(s, m);
      out[`intent of ${m} in ${s}`] = f.intent(s, m);
    }
  }
  for (const m of ids.members) {
    out[`membership of ${m}`] = f.isActiveMember(m);
    out[`kind of ${m}`] = f.memberKind(m);
    out[`tie of ${m}`] = f.familyTie(m);
    out[`dependants of ${m}`] = f.dependantsOf(m);
    out[`name of ${m}`] = f.memberName(m);
    out[`passes of ${m}`] = byId(f.passesOfMembers([m]));
    out[`last credit use of ${m}`] = explainCreditUse(
      f.recentCreditUses(m),
      settings.timezone,
    )?.text;
  }
  out['passes of all members'] = byId(f.passesOfMembers(ids.members));
  out['passes by id'] = byId(f.passesByIds(ids.passes));
  for (const p of ids.passes) out[`pass ${p}`] = f.pass(p);
  for (const t of ids.templates) {
    out[`template ${t}`] = f.template(t);
    out[`passes of template ${t}`] = byId(f.passesOfTemplate(t));
  }
  for (const r of ids.requests) out[`request ${r}`] = f.passRequest(r);
  out['door'] = f.door();
  for (const serial of ids.doorPasses) out[`revoked ${serial}`] = f.doorPassRevoked(serial);
  return out;
}
