import { pbkdf2Async } from '@noble/hashes/pbkdf2.js';
import { sha256 } from '@noble/hashes/sha2.js';

/**
 * The kiosk's exit PIN (docs/device.md "Kiosk mode"). Only a salted
 * PBKDF2-SHA256 hash is kept on the tablet, so reading its storage does not
 * give the PIN away cheaply. WebCrypto where the page has it; a pure
 * implementation where it does not (`crypto.subtle` exists only on https or
 * localhost — a club's box on `http://192.168.x.y` has none). Both give the
 * same bytes.
 */

/** 4 to 8 digits: typed on a tablet by a host in a hurry. */
export const PIN_PATTERN = /^\d{4,8}$/;

export interface PinHash {
  /** base64 */
  salt: string;
  iterations: number;
  /** base64 of the 32-byte PBKDF2-SHA256 output. */
  hash: string;
}

/** Enough to make guessing a 4-digit PIN from a copied storage take a while, fast enough to tap. */
export const PIN_ITERATIONS = 210_000;

export function isValidPin(pin: string): boolean {
  return PIN_PATTERN.test(pin);
}

export async function hashPin(
  pin: string,
  salt: Uint8Array = crypto.getRandomValues(new Uint8Array(16)),
  iterations = PIN_ITERATIONS,
): Promise<PinHash> {
  const key = await pbkdf2(pin, salt, iterations);
  return { salt: toBase64(salt), iterations, hash: toBase64(key) };
}

export async function verifyPin(pin: string, stored: PinHash): Promise<boolean> {
  const key = await pbkdf2(pin, fromBase64(stored.salt), stored.iterations);
  return equalBytes(key, fromBase64(stored.hash));
}

async function pbkdf2(pin: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const password = new TextEncoder().encode(pin);
  const subtle = globalThis.crypto?.subtle;
  if (subtle) {
    const material = await subtle.importKey('raw', password, 'PBKDF2', false, ['deriveBits']);
    const bits = await subtle.deriveBits(
      { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
      material,
      256,
    );
    return new Uint8Array(bits);
  }
  return pbkdf2Async(sha256, password, salt, { c: iterations, dkLen: 32 });
}

/** Compares every byte whatever the first difference, so timing tells nothing. */
function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}
