import { z } from 'zod';
import { hashPin, verifyPin, type PinHash } from './pin';

/**
 * Kiosk mode on this device (spec §9.2, docs/device.md "Kiosk mode"). Kept
 * in localStorage so a reload, a closed tab or a restarted tablet comes back
 * as a kiosk: while it is on, every route but /kiosk leads back to it (the
 * root layout's guard). Leaving needs the PIN the host chose on entering;
 * only its salted hash is kept.
 */

const storageKey = 'turnout.kiosk';

/** Wrong PINs in a row before the kiosk makes people wait. */
export const PIN_TRIES = 5;
/** How long it waits then. */
export const PIN_LOCK_MS = 60_000;

const stored = z.object({
  clubId: z.string(),
  /** The host whose login the kiosk acts under. */
  memberId: z.string(),
  startedAt: z.string(),
  pin: z.object({ salt: z.string(), iterations: z.number().int().positive(), hash: z.string() }),
  failures: z.number().int().min(0).default(0),
  lockedUntil: z.number().nullable().default(null),
});
type StoredKiosk = z.output<typeof stored>;

function load(): StoredKiosk | null {
  if (typeof localStorage === 'undefined') return null;
  const text = localStorage.getItem(storageKey);
  if (!text) return null;
  try {
    const parsed = stored.safeParse(JSON.parse(text));
    // Unreadable is still a kiosk: better stuck on the kiosk than an open tablet.
    return parsed.success ? parsed.data : lockedOut();
  } catch {
    return lockedOut();
  }
}

/** A kiosk whose state was damaged: no PIN can open it; clearing the site data does. */
function lockedOut(): StoredKiosk {
  return {
    clubId: '',
    memberId: '',
    startedAt: new Date(0).toISOString(),
    pin: { salt: '', iterations: 1, hash: '' },
    failures: 0,
    lockedUntil: null,
  };
}

export type LeaveOutcome = 'left' | 'wrong' | { waitMs: number };

class KioskMode {
  #state = $state<StoredKiosk | null>(load());

  /** Whether this device is a kiosk now. */
  get active(): boolean {
    return this.#state !== null;
  }

  get clubId(): string | null {
    return this.#state?.clubId ?? null;
  }

  get memberId(): string | null {
    return this.#state?.memberId ?? null;
  }

  /** Reads the stored state again (another tab may have entered or left). */
  reload(): void {
    this.#state = load();
  }

  /** Turns this device into the club's door kiosk, under the host's login. */
  async enter(seat: { clubId: string; memberId: string }, pin: string): Promise<void> {
    const hash: PinHash = await hashPin(pin);
    this.#save({
      clubId: seat.clubId,
      memberId: seat.memberId,
      startedAt: new Date().toISOString(),
      pin: hash,
      failures: 0,
      lockedUntil: null,
    });
  }

  /** Leaves kiosk mode with the right PIN; wrong ones are counted, and too many make it wait. */
  async leave(pin: string, now = Date.now()): Promise<LeaveOutcome> {
    const state = this.#state;
    if (!state) return 'left';
    if (state.lockedUntil !== null && now < state.lockedUntil) {
      return { waitMs: state.lockedUntil - now };
    }
    if (await verifyPin(pin, state.pin)) {
      localStorage.removeItem(storageKey);
      this.#state = null;
      return 'left';
    }
    const failures = state.failures + 1;
    const locked = failures >= PIN_TRIES;
    this.#save({
      ...state,
      failures: locked ? 0 : failures,
      lockedUntil: locked ? now + PIN_LOCK_MS : null,
    });
    return locked ? { waitMs: PIN_LOCK_MS } : 'wrong';
  }

  #save(state: StoredKiosk): void {
    localStorage.setItem(storageKey, JSON.stringify(state));
    this.#state = state;
  }
}

export const kiosk = new KioskMode();

/** Where a kiosk may go: the kiosk itself and nothing else. */
export function kioskAllows(pathname: string, base = ''): boolean {
  const path = pathname.startsWith(base) ? pathname.slice(base.length) : pathname;
  return path === '/kiosk' || path.startsWith('/kiosk/');
}
