import { z } from 'zod';

/**
 * The pull cursor: opaque to devices, base64url JSON here. `s` is the scope
 * (everything that decides what the caller sees); a cursor from another
 * scope, or one that does not parse, means "start over" (reset), never an
 * error: a device must always be able to recover by pulling.
 */
const cursorData = z.object({
  /** Format; bump to reset every device after a change of meaning. */
  f: z.literal(1),
  /** Everything up to this server version has been delivered. */
  v: z.number().int().min(0),
  s: z.string(),
  /** Snapshot in progress: the window start the remaining pages keep using. */
  w: z.string().optional(),
  /** Digest of the club row and the visible member list last delivered. */
  d: z.string().optional(),
});
export type CursorData = z.infer<typeof cursorData>;

export function encodeCursor(data: Omit<CursorData, 'f'>): string {
  return Buffer.from(JSON.stringify({ f: 1, ...data })).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): CursorData | null {
  if (!cursor) return null;
  try {
    const parsed = cursorData.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString()));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

interface Scope {
  clubId: string;
  memberId: string;
  role: string;
  hostsCanManagePasses: boolean;
  windowDays: number;
  /** A member's dependants: one added or linked widens what they see (a reset sends it). */
  dependants?: readonly string[];
  /** A member of a club that shows who is going: turning it on or off resets what they hold. */
  seesWhoIsGoing?: boolean;
}

export function scopeKey(s: Scope): string {
  const key = [s.clubId, s.memberId, s.role, s.hostsCanManagePasses ? 1 : 0, s.windowDays];
  // Added only when on, so every cursor made before the setting existed stays valid.
  if (s.seesWhoIsGoing) key.push('w');
  if (!s.dependants?.length) return key.join('.');
  // Short, whatever the number of dependants: the ids hashed (FNV-1a), in order.
  let h = 0x811c9dc5;
  for (const ch of [...s.dependants].sort().join(',')) {
    h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  }
  return [...key, h.toString(36)].join('.');
}
