import type { CalendarScope } from '@turnout/shared';

/**
 * What this device remembers of the member's calendar addresses. The server
 * keeps only a hash of each address's secret, so the address itself is
 * known only to the device that made it; it is kept here (per club and
 * scope, with the time it was made) so the Calendar page can show it again.
 */
interface KeptAddress {
  path: string;
  createdAt: string;
}

const storageKey = (clubId: string, scope: CalendarScope) => `turnout.calendar.${clubId}.${scope}`;

export function keepAddress(clubId: string, scope: CalendarScope, kept: KeptAddress): void {
  try {
    localStorage.setItem(storageKey(clubId, scope), JSON.stringify(kept));
  } catch {
    // Storage full or blocked: the address is still on screen until the page closes.
  }
}

export function forgetAddress(clubId: string, scope: CalendarScope): void {
  try {
    localStorage.removeItem(storageKey(clubId, scope));
  } catch {
    // Nothing kept, nothing to forget.
  }
}

/** The kept path of the live feed made at `createdAt`, or null (another device's, or none). */
export function keptAddress(
  clubId: string,
  scope: CalendarScope,
  createdAt: string,
): string | null {
  try {
    const raw = localStorage.getItem(storageKey(clubId, scope));
    const kept = raw ? (JSON.parse(raw) as Partial<KeptAddress>) : null;
    return kept?.createdAt === createdAt && typeof kept.path === 'string' ? kept.path : null;
  } catch {
    return null;
  }
}

/** The address to paste (https) and the one calendar apps open (webcal). */
export function feedAddresses(path: string, origin: string): { web: string; webcal: string } {
  const web = new URL(path, origin).href;
  return { web, webcal: web.replace(/^https?:/, 'webcal:') };
}
