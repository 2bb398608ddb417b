import { api, toFailure } from '$lib/api';

/**
 * Web push on this device (docs/decisions.md, "Web push"): the browser's
 * permission, its subscription with the push service, and the copy the
 * server keeps for the person logged in.
 */
export type PushState =
  /** No Push API here (an old browser; iOS outside a home-screen app). */
  | 'unsupported'
  /** Opened over plain http: browsers only push to secure pages. */
  | 'insecure'
  /** The service worker is not running (yet). */
  | 'no_worker'
  /** The person blocked notifications for the site. */
  | 'denied'
  | 'off'
  | 'on';

/** Whether the browser could push at all; no network needed. */
export function pushAvailability(): 'unsupported' | 'insecure' | 'denied' | 'available' {
  if (typeof window === 'undefined') return 'unsupported';
  if (!window.isSecureContext) return 'insecure';
  if (
    !('serviceWorker' in navigator) ||
    !('PushManager' in window) ||
    !('Notification' in window)
  ) {
    return 'unsupported';
  }
  return Notification.permission === 'denied' ? 'denied' : 'available';
}

const workerWaitMs = 10_000;
/**
 * The browser registers with its push service (Google's, Mozilla's, Apple's)
 * when subscribing; with that service out of reach Chromium never answers.
 */
const subscribeWaitMs = 30_000;

function withinTime<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the push service did not answer')), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** The app's service worker, once it is active (it registers at start, see state/update). */
async function workerRegistration(): Promise<ServiceWorkerRegistration | null> {
  const registered = await navigator.serviceWorker.getRegistration('/');
  if (registered?.active) return registered;
  return Promise.race([
    navigator.serviceWorker.ready,
    new Promise<null>((resolve) => setTimeout(() => resolve(null), workerWaitMs)),
  ]);
}

function base64UrlBytes(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function sameKey(subscription: PushSubscription, key: Uint8Array): boolean {
  const current = subscription.options.applicationServerKey;
  if (!current) return false;
  const bytes = new Uint8Array(current);
  return bytes.length === key.length && bytes.every((b, i) => b === key[i]);
}

async function sendToServer(subscription: PushSubscription): Promise<void> {
  const json = subscription.toJSON();
  if (!json.endpoint || !json.keys?.p256dh || !json.keys.auth) {
    throw new Error('the browser gave a subscription without keys');
  }
  await api.push.subscribe.mutate({
    endpoint: json.endpoint,
    keys: { p256dh: json.keys.p256dh, auth: json.keys.auth },
  });
}

/**
 * Where this device stands for the person logged in. A subscription the
 * server holds for someone else (another login on this browser) is "off".
 * Offline, the browser's own subscription is believed.
 */
export async function pushState(): Promise<PushState> {
  const availability = pushAvailability();
  if (availability !== 'available') return availability;
  const registration = await workerRegistration();
  if (!registration) return 'no_worker';
  const subscription = await registration.pushManager.getSubscription();
  if (!subscription || Notification.permission !== 'granted') return 'off';
  try {
    const { subscribed } = await api.push.status.query({ endpoint: subscription.endpoint });
    return subscribed ? 'on' : 'off';
  } catch (error) {
    if (toFailure(error).code === 'network') return 'on';
    throw error;
  }
}

/**
 * Asks for permission (when not given yet), subscribes with the push
 * service under the server's key and hands the subscription to the server.
 * "off" when the person closed the browser's question without answering.
 */
export async function enablePush(): Promise<PushState> {
  const availability = pushAvailability();
  if (availability !== 'available') return availability;
  const permission =
    Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission();
  if (permission === 'denied') return 'denied';
  if (permission !== 'granted') return 'off';
  const registration = await workerRegistration();
  if (!registration) return 'no_worker';
  const key = base64UrlBytes((await api.push.publicKey.query()).publicKey);
  let subscription = await registration.pushManager.getSubscription();
  // Made for another server key (a restored or moved server): it can never deliver.
  if (subscription && !sameKey(subscription, key)) {
    await subscription.unsubscribe();
    subscription = null;
  }
  subscription ??= await withinTime(
    registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key }),
    subscribeWaitMs,
  );
  await sendToServer(subscription);
  return 'on';
}

/**
 * Stops notifications on this device: the server forgets it for this
 * person, and the browser drops the subscription. Offline too: the push
 * service then reports it gone at the next send and the server drops it.
 */
export async function disablePush(): Promise<PushState> {
  const availability = pushAvailability();
  if (availability !== 'available') return availability;
  const registration = await workerRegistration();
  const subscription = await registration?.pushManager.getSubscription();
  if (!subscription) return 'off';
  try {
    await api.push.unsubscribe.mutate({ endpoint: subscription.endpoint });
  } catch (error) {
    if (toFailure(error).code !== 'network') throw error;
  } finally {
    await subscription.unsubscribe();
  }
  return 'off';
}

const askedKey = 'turnout.push.asked';

/** Whether this device already answered the question after signing up (either way). */
export function alreadyAsked(storage: Storage | undefined): boolean {
  return (storage?.getItem(askedKey) ?? null) !== null;
}

export function rememberAsked(storage: Storage | undefined, answer: 'allowed' | 'not_now'): void {
  try {
    storage?.setItem(askedKey, answer);
  } catch {
    // Private mode with no storage: the question may come again, nothing worse.
  }
}
