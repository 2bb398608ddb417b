import { z } from 'zod';

/**
 * Web push procedures (docs/protocol.md, "Web push"). The server checks the
 * endpoint further (no internal hosts: it will POST there) before storing.
 */

const base64url = (bytes: number, what: string) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, `${what} must be base64url`)
    .max(Math.ceil((bytes * 4) / 3) + 2)
    .refine((v) => decodedLength(v) === bytes, `${what} must be ${bytes} bytes`);

function decodedLength(value: string): number {
  const chars = value.replace(/=+$/, '').length;
  return Math.floor((chars * 3) / 4);
}

export const pushEndpoint = z
  .string()
  .max(1024, 'The push endpoint is too long.')
  // zod's URL check, not the global URL: shared is typed without DOM or Node libraries.
  .refine((v) => z.url().safeParse(v).success, 'The push endpoint is not a URL.')
  .refine((v) => v.startsWith('https://'), 'The push endpoint must use https.');

/** What `PushSubscription.toJSON()` gives, minus `expirationTime`. */
export const pushSubscribeInput = z.object({
  endpoint: pushEndpoint,
  keys: z.object({
    /** The browser's P-256 public key, uncompressed (65 bytes). */
    p256dh: base64url(65, 'p256dh'),
    /** The browser's auth secret (16 bytes). */
    auth: base64url(16, 'auth'),
  }),
});
export type PushSubscribeInput = z.input<typeof pushSubscribeInput>;

export const pushEndpointInput = z.object({ endpoint: pushEndpoint });
export type PushEndpointInput = z.input<typeof pushEndpointInput>;
