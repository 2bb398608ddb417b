import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { NotificationsPage } from '../pages/NotificationsPage';
import { SessionPage } from '../pages/SessionPage';
import { SeededClub } from '../support/club';
import { baseURL } from '../support/env';
import { Phone } from '../support/phone';

/**
 * Web push in Chromium. What this covers, and what it cannot:
 * - The service worker's own handling, for real: a push delivered through the
 *   DevTools protocol (`ServiceWorker.deliverPushMessage`, a trusted push
 *   event) shows a notification with its title, body, icon, tag and page;
 *   a click on it (dispatched in the worker: nothing can click a headless
 *   notification) closes it and sends the open app window to that page.
 * - Asking after signing up or joining a waitlist, once per device, and a
 *   browser that blocks notifications (headless Chromium denies the question).
 * - The switch on Notifications, to the server and back. Headless Chromium
 *   cannot reach a push service: `pushManager.subscribe` never answers here.
 *   So that one test stands in for the browser's push service only (a fake
 *   `PushManager` that makes a real P-256 key and auth secret); the
 *   subscription goes through the real app and server.
 * The server test (server/src/push/push.test.ts) decrypts what is sent.
 */

interface ShownNotification {
  title: string;
  body: string;
  tag: string;
  icon: string;
  data: { url?: string } | null;
}

function shownNotifications(page: Page): Promise<ShownNotification[]> {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    const shown = await registration.getNotifications();
    return shown.map((n) => ({
      title: n.title,
      body: n.body,
      tag: n.tag,
      icon: n.icon,
      data: n.data as { url?: string } | null,
    }));
  });
}

/**
 * Delivers push messages to the app's service worker, as a push service
 * would. One DevTools session for the whole test: detaching right after a
 * delivery can drop it before the worker gets it.
 */
async function pushDelivery(
  context: BrowserContext,
  page: Page,
): Promise<(data: unknown) => Promise<void>> {
  const cdp = await context.newCDPSession(page);
  const registrations: { registrationId: string; scopeURL: string; isDeleted: boolean }[] = [];
  cdp.on('ServiceWorker.workerRegistrationUpdated', (event) => {
    registrations.push(...event.registrations);
  });
  await cdp.send('ServiceWorker.enable');
  await expect
    .poll(() => registrations.some((r) => !r.isDeleted && r.scopeURL === `${baseURL}/`))
    .toBe(true);
  const registration = registrations.find((r) => !r.isDeleted && r.scopeURL === `${baseURL}/`)!;
  return async (data) => {
    // Delivered to a worker that is not running yet, a push can be lost while the
    // worker starts under the test's debugger: make sure it runs first.
    await expect.poll(() => context.serviceWorkers().length).toBeGreaterThan(0);
    await context.serviceWorkers()[0]!.evaluate(() => true);
    await cdp.send('ServiceWorker.deliverPushMessage', {
      origin: baseURL,
      registrationId: registration.registrationId,
      data: JSON.stringify(data),
    });
  };
}

test('the service worker shows a pushed notification, and a click opens its page in the app', async ({
  launchOptions,
}) => {
  test.slow();
  const club = await SeededClub.create('Harbour Yoga');
  const mia = await club.addPerson('Mia Member');
  const session = await club.createSession({ title: 'Sunrise Flow', startsInMinutes: 24 * 60 });
  const phone = await Phone.open(mia, { launchOptions, label: 'Mia’s phone' });
  try {
    await phone.context.grantPermissions(['notifications'], { origin: baseURL });
    await phone.install();
    const { page, context } = phone;
    const deliverPush = await pushDelivery(context, page);

    await test.step('a push shows as a notification', async () => {
      // The very first delivery can be lost by DevTools while the worker wakes under the
      // debugger (seen once in CI); sent again with the same tag it replaces, never adds.
      await expect(async () => {
        await deliverPush({
          title: 'A spot opened',
          body: 'Sunrise Flow has a free spot',
          url: `/sessions/${session.id}`,
          tag: `spot-${session.id}`,
        });
        await expect
          .poll(() => shownNotifications(page), { timeout: 4_000 })
          .toEqual([
            {
              title: 'A spot opened',
              body: 'Sunrise Flow has a free spot',
              tag: `spot-${session.id}`,
              icon: `${baseURL}/icons/icon-192.png`,
              data: { url: `/sessions/${session.id}` },
            },
          ]);
      }).toPass({ timeout: 20_000 });
    });

    await test.step('the same tag replaces it; a page outside the app becomes the start page', async () => {
      await deliverPush({
        title: 'A spot opened',
        body: 'Sunrise Flow still has a free spot',
        url: `/sessions/${session.id}`,
        tag: `spot-${session.id}`,
      });
      await deliverPush({
        title: 'Elsewhere',
        body: 'Not a page of Turnout',
        url: 'https://evil.example/phish',
      });
      await expect
        .poll(async () => (await shownNotifications(page)).map((n) => [n.body, n.data?.url]).sort())
        .toEqual([
          ['Not a page of Turnout', '/'],
          ['Sunrise Flow still has a free spot', `/sessions/${session.id}`],
        ]);
    });

    await test.step('a click closes the notification and opens the session in the open app', async () => {
      await new NotificationsPage(page).open();
      const [worker] = context.serviceWorkers();
      if (!worker) throw new Error('no service worker to click in');
      const tag = `spot-${session.id}`;
      await worker.evaluate(async (clickedTag) => {
        // The worker's own types (this file is typed for pages).
        const scope = self as unknown as {
          registration: ServiceWorkerRegistration;
          NotificationEvent: new (type: string, init: { notification: Notification }) => Event;
        } & EventTarget;
        const shown = await scope.registration.getNotifications({ tag: clickedTag });
        const notification = shown[0];
        if (!notification) throw new Error(`no notification tagged ${clickedTag}`);
        scope.dispatchEvent(new scope.NotificationEvent('notificationclick', { notification }));
      }, tag);
      await expect(page).toHaveURL(`${baseURL}/sessions/${session.id}`);
      await expect(new SessionPage(page).heading).toHaveText('Sunrise Flow');
      await expect
        .poll(async () => (await shownNotifications(page)).map((n) => n.body))
        .toEqual(['Not a page of Turnout']);
    });
  } finally {
    await phone.dispose();
  }
});

test('after signing up the app asks once per device; a browser that blocks notifications is told so', async ({
  launchOptions,
}) => {
  test.slow();
  const club = await SeededClub.create('Riverside Climbing');
  const mia = await club.addPerson('Mia Member');
  const ben = await club.addPerson('Ben Member');
  await club.givePass(mia, 10);
  await club.givePass(ben, 10);
  const open = await club.createSession({
    title: 'Bouldering',
    startsInMinutes: 2 * 24 * 60,
    capacity: 10,
  });
  const full = await club.createSession({
    title: 'Lead Climbing',
    startsInMinutes: 2 * 24 * 60,
    capacity: 1,
  });
  await club.push({ name: 'signup.create', args: { sessionId: full.id, memberId: ben.memberId } });

  const phone = await Phone.open(mia, { launchOptions, label: 'Mia’s phone' });
  try {
    await phone.install();
    const { page } = phone;
    const details = new SessionPage(page);
    const askSignedUp = page.getByText(/^Get a notification on this device when this class/);
    const askWaitlisted = page.getByText(/^Get a notification on this device when a spot opens/);

    await test.step('opening a session does not ask; signing up does', async () => {
      await details.open(open.id);
      await expect(page.getByRole('button', { name: 'Sign up' })).toBeVisible();
      await expect(askSignedUp).toHaveCount(0);
      await page.getByRole('button', { name: 'Sign up' }).click();
      await expect(askSignedUp).toBeVisible();
    });

    await test.step('“Not now” is remembered on this device', async () => {
      await page.getByRole('button', { name: 'Not now' }).click();
      await expect(askSignedUp).toHaveCount(0);
      await page.getByRole('button', { name: 'Give up my place' }).click();
      await expect(page.getByRole('button', { name: 'Sign up' })).toBeVisible();
      await page.getByRole('button', { name: 'Sign up' }).click();
      await expect(page.getByRole('button', { name: 'Give up my place' })).toBeVisible();
      await expect(askSignedUp).toHaveCount(0);
    });

    await test.step('on a new device the waitlist asks; the blocked answer is explained', async () => {
      // A new device, as far as the question goes.
      await page.evaluate(() => localStorage.removeItem('turnout.push.asked'));
      await details.open(full.id);
      await page.getByRole('button', { name: 'Join the waitlist' }).click();
      await expect(askWaitlisted).toBeVisible();
      await page.getByRole('button', { name: 'Allow' }).click();
      await expect(page.getByText(/^Notifications are blocked for Turnout/)).toBeVisible();
      await expect(askWaitlisted).toHaveCount(0);
    });

    await test.step('the switch on Notifications says they are blocked and cannot be used', async () => {
      await new NotificationsPage(page).open();
      const toggle = page.getByRole('switch', { name: 'Notifications on this device' });
      await expect(toggle).toBeDisabled();
      await expect(toggle).not.toBeChecked();
      await expect(page.getByTestId('push-state')).toHaveText(/^Notifications are blocked/);
    });
  } finally {
    await phone.dispose();
  }
});

/**
 * Stands in for the browser's push service (unreachable here): subscribing
 * makes a real P-256 key and auth secret, kept in localStorage so the
 * subscription outlives a reload, as a browser's does.
 */
async function fakePushService(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const storeKey = 'e2e.fake-push-subscription';
    interface Stored {
      endpoint: string;
      p256dh: string;
      auth: string;
      serverKey: string;
    }
    const encode = (bytes: Uint8Array) =>
      btoa(String.fromCharCode(...bytes))
        .replace(/\+/g, '-')
        .replace(/\//g, '_')
        .replace(/=+$/, '');
    const decode = (text: string) =>
      Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
    const subscriptionOf = (stored: Stored) =>
      ({
        endpoint: stored.endpoint,
        expirationTime: null,
        options: { userVisibleOnly: true, applicationServerKey: decode(stored.serverKey).buffer },
        toJSON: () => ({
          endpoint: stored.endpoint,
          expirationTime: null,
          keys: { p256dh: stored.p256dh, auth: stored.auth },
        }),
        unsubscribe: async () => {
          localStorage.removeItem(storeKey);
          return true;
        },
        getKey: () => null,
      }) as unknown as PushSubscription;
    PushManager.prototype.getSubscription = async function () {
      const raw = localStorage.getItem(storeKey);
      return raw ? subscriptionOf(JSON.parse(raw) as Stored) : null;
    };
    PushManager.prototype.subscribe = async function (options?: PushSubscriptionOptionsInit) {
      const pair = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, [
        'deriveBits',
      ]);
      const point = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
      const serverKey = options?.applicationServerKey;
      if (!(serverKey instanceof Uint8Array)) throw new Error('expected the server key as bytes');
      const stored: Stored = {
        endpoint: `https://push.example.net/e2e/${crypto.randomUUID()}`,
        p256dh: encode(point),
        auth: encode(crypto.getRandomValues(new Uint8Array(16))),
        serverKey: encode(serverKey),
      };
      localStorage.setItem(storeKey, JSON.stringify(stored));
      return subscriptionOf(stored);
    };
  });
}

test('the switch on Notifications subscribes this device for me on the server, and unsubscribes it', async ({
  launchOptions,
}) => {
  test.slow();
  const club = await SeededClub.create('Lakeside Rowing');
  const mia = await club.addPerson('Mia Member');
  const phone = await Phone.open(mia, { launchOptions, label: 'Mia’s phone' });
  try {
    await phone.context.grantPermissions(['notifications'], { origin: baseURL });
    await fakePushService(phone.context);
    await phone.install();
    const { page } = phone;
    const notifications = new NotificationsPage(page);
    const toggle = page.getByRole('switch', { name: 'Notifications on this device' });
    const state = page.getByTestId('push-state');
    const endpoint = () =>
      page.evaluate(() => {
        const raw = localStorage.getItem('e2e.fake-push-subscription');
        return raw ? (JSON.parse(raw) as { endpoint: string }).endpoint : null;
      });
    const onServer = async (at: string) =>
      (await mia.api.query<{ subscribed: boolean }>('push.status', { endpoint: at })).subscribed;

    await notifications.open();
    await expect(state).toHaveText('Notifications are off for this device.');
    await toggle.check();
    await expect(state).toHaveText('Notifications are on for this device.');
    const subscribed = await endpoint();
    if (!subscribed) throw new Error('the app did not subscribe');
    expect(await onServer(subscribed)).toBe(true);

    // The server's answer, not only the browser's, decides what the switch shows.
    await page.reload();
    await expect(state).toHaveText('Notifications are on for this device.');
    await expect(toggle).toBeChecked();

    await toggle.uncheck();
    await expect(state).toHaveText('Notifications are off for this device.');
    expect(await endpoint()).toBeNull();
    expect(await onServer(subscribed)).toBe(false);
  } finally {
    await phone.dispose();
  }
});
