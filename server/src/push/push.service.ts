import type { PushEndpointInput, PushSubscribeInput } from '@turnout/shared';
import { fail } from '../errors.js';
import type { ServiceDeps } from '../services/deps.js';
import { endpointProblem } from './endpoint.js';
import { vapidKeys } from './keys.js';
import { isSubscribed, removeSubscription, saveSubscription } from './subscriptions.js';

/**
 * The browser's side of web push (docs/protocol.md, "Web push"): it asks
 * for the server's public key, subscribes with the push service, and hands
 * the subscription over for the person logged in.
 */

export async function publicKey(deps: ServiceDeps): Promise<{ publicKey: string }> {
  const keys = await vapidKeys(deps.db);
  return { publicKey: keys.publicKey };
}

export async function subscribe(
  deps: ServiceDeps,
  login: { userId: string; sessionId: string },
  input: PushSubscribeInput,
  userAgent: string | undefined,
): Promise<{ subscribed: true }> {
  const problem = endpointProblem(input.endpoint);
  if (problem) fail('invalid_args', problem);
  // The key must be a point on P-256 in the uncompressed form, or nothing can be encrypted to it.
  if (Buffer.from(input.keys.p256dh, 'base64url')[0] !== 4) {
    fail('invalid_args', 'The subscription key is not an uncompressed P-256 public key.');
  }
  await saveSubscription(
    deps.db,
    login,
    { endpoint: input.endpoint, p256dh: input.keys.p256dh, auth: input.keys.auth },
    userAgent?.slice(0, 300) ?? null,
    deps.clock().toISOString(),
  );
  return { subscribed: true };
}

/** Forgets this browser for this person; someone else's subscription is left alone. */
export async function unsubscribe(
  deps: ServiceDeps,
  userId: string,
  input: PushEndpointInput,
): Promise<{ removed: boolean }> {
  return { removed: await removeSubscription(deps.db, userId, input.endpoint) };
}

export async function status(
  deps: ServiceDeps,
  userId: string,
  input: PushEndpointInput,
): Promise<{ subscribed: boolean }> {
  return { subscribed: await isSubscribed(deps.db, userId, input.endpoint) };
}
