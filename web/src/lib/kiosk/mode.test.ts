import { beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Pin from './pin';

// A tablet's storage: the kiosk state lives in localStorage.
const storage = new Map<string, string>();
vi.stubGlobal('localStorage', {
  getItem: (k: string) => storage.get(k) ?? null,
  setItem: (k: string, v: string) => void storage.set(k, v),
  removeItem: (k: string) => void storage.delete(k),
});
vi.mock('./pin', async (original) => {
  const pin = await original<typeof Pin>();
  // Fewer rounds: the tests are about the mode, not about PBKDF2's cost.
  return { ...pin, hashPin: (p: string) => pin.hashPin(p, undefined, 1000) };
});

const { kiosk, kioskAllows, PIN_LOCK_MS, PIN_TRIES } = await import('./mode.svelte');

const seat = { clubId: 'club-1', memberId: 'host-1' };

describe('kiosk mode', () => {
  beforeEach(async () => {
    storage.clear();
    kiosk.reload();
  });

  it('is kept across a reload and keeps only a hash of the PIN', async () => {
    await kiosk.enter(seat, '2580');
    expect(kiosk.active).toBe(true);
    expect(storage.get('turnout.kiosk')).not.toContain('2580');
    kiosk.reload();
    expect(kiosk.active).toBe(true);
    expect(kiosk.clubId).toBe('club-1');
    expect(kiosk.memberId).toBe('host-1');
  });

  it('leaves only with the PIN', async () => {
    await kiosk.enter(seat, '2580');
    expect(await kiosk.leave('0000')).toBe('wrong');
    expect(kiosk.active).toBe(true);
    expect(await kiosk.leave('2580')).toBe('left');
    expect(kiosk.active).toBe(false);
    expect(storage.has('turnout.kiosk')).toBe(false);
  });

  it('makes people wait after too many wrong PINs, even across a reload', async () => {
    await kiosk.enter(seat, '2580');
    const now = 1_000_000;
    for (let i = 1; i < PIN_TRIES; i++) expect(await kiosk.leave('1111', now)).toBe('wrong');
    expect(await kiosk.leave('1111', now)).toEqual({ waitMs: PIN_LOCK_MS });
    kiosk.reload();
    // Even the right PIN waits.
    expect(await kiosk.leave('2580', now + 1000)).toEqual({ waitMs: PIN_LOCK_MS - 1000 });
    expect(await kiosk.leave('2580', now + PIN_LOCK_MS)).toBe('left');
  });

  it('stays a kiosk when its stored state is damaged', () => {
    storage.set('turnout.kiosk', '{not json');
    kiosk.reload();
    expect(kiosk.active).toBe(true);
  });

  it('lets a kiosk reach the kiosk only', () => {
    expect(kioskAllows('/kiosk')).toBe(true);
    expect(kioskAllows('/base/kiosk', '/base')).toBe(true);
    for (const path of ['/', '/people', '/manage', '/sessions/1', '/kiosker', '/login']) {
      expect(kioskAllows(path), path).toBe(false);
    }
  });
});
