export const roles = ['member', 'host', 'owner'] as const;
export type Role = (typeof roles)[number];

const rank: Record<Role, number> = { member: 0, host: 1, owner: 2 };

/** True when `role` has at least the powers of `needed` (owner ⊇ host ⊇ member). */
export function roleAtLeast(role: Role, needed: Role): boolean {
  return rank[role] >= rank[needed];
}
