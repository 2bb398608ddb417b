import { pbkdf2Async } from '@noble/hashes/pbkdf2.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hashPin, isValidPin, verifyPin } from './pin';

const fast = 1000;

describe('the kiosk PIN', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('takes 4 to 8 digits only', () => {
    expect(['1234', '12345678'].map(isValidPin)).toEqual([true, true]);
    expect(['123', '123456789', '12a4', ' 1234', ''].map(isValidPin)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('keeps only a salted hash, and checks a PIN against it', async () => {
    const stored = await hashPin('4711', undefined, fast);
    expect(JSON.stringify(stored)).not.toContain('4711');
    expect(await verifyPin('4711', stored)).toBe(true);
    expect(await verifyPin('4712', stored)).toBe(false);
    expect(await verifyPin('', stored)).toBe(false);
    // A fresh salt each time: the same PIN never stores the same hash.
    const again = await hashPin('4711', undefined, fast);
    expect(again.salt).not.toBe(stored.salt);
    expect(again.hash).not.toBe(stored.hash);
  });

  it('gives the same bytes without WebCrypto (plain http on a LAN)', async () => {
    const salt = new Uint8Array(16).fill(7);
    const withSubtle = await hashPin('2468', salt, fast);
    const expected = await pbkdf2Async(sha256, new TextEncoder().encode('2468'), salt, {
      c: fast,
      dkLen: 32,
    });
    expect(withSubtle.hash).toBe(btoa(String.fromCharCode(...expected)));
    vi.stubGlobal('crypto', { getRandomValues: (a: Uint8Array) => a });
    const without = await hashPin('2468', salt, fast);
    expect(without).toEqual(withSubtle);
    expect(await verifyPin('2468', withSubtle)).toBe(true);
  });
});
