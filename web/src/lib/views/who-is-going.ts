import type { Replica } from '@turnout/shared';

/**
 * Who else is going to or signed up for a session, by name, as the device
 * knows them — for clubs that let members see it (`membersSeeWhoIsGoing`;
 * otherwise a member's device holds no one else's records and this is
 * empty). Waiting for a place does not count; names the device lacks are left out.
 */
export function othersComing(view: Replica, sessionId: string, memberId: string): string[] {
  const t = view.tables;
  const ids = new Set<string>();
  for (const s of t.signups.by('session', sessionId)) {
    if (s.status === 'active' && s.memberId !== memberId) ids.add(s.memberId);
  }
  for (const i of t.intents.by('session', sessionId)) {
    if (i.going && i.memberId !== memberId) ids.add(i.memberId);
  }
  const names: string[] = [];
  for (const id of ids) {
    const member = t.members.get(id);
    if (member && !member.removed) names.push(member.name);
  }
  return names.sort((a, b) => a.localeCompare(b));
}

/** At most `shown` names, and how many more there are. */
export function namesShown(names: readonly string[], shown = 3): { names: string[]; more: number } {
  return { names: names.slice(0, shown), more: Math.max(0, names.length - shown) };
}
