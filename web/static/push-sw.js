/* Web push for Turnout, loaded into the generated service worker (vite.config.ts,
   workbox.importScripts). Plain script: it runs as is, not through the bundler. */

// A notification opens a page of this app only: anything else falls back to the start page.
function appUrl(path) {
  const fallback = new URL('/', self.location.origin);
  if (typeof path !== 'string' || !path.startsWith('/') || path.startsWith('//')) return fallback;
  const url = new URL(path, self.location.origin);
  return url.origin === self.location.origin ? url : fallback;
}

function readPush(event) {
  if (!event.data) return {};
  try {
    const data = event.data.json();
    return data && typeof data === 'object' ? data : {};
  } catch {
    return { body: event.data.text() };
  }
}

self.addEventListener('push', (event) => {
  const data = readPush(event);
  const title = typeof data.title === 'string' && data.title ? data.title : 'Turnout';
  const url = appUrl(data.url);
  const options = {
    body: typeof data.body === 'string' ? data.body : '',
    icon: '/icons/icon-192.png',
    badge: '/icons/icon-192.png',
    data: { url: url.pathname + url.search + url.hash },
  };
  // The same tag replaces an older notification about the same thing instead of stacking.
  if (typeof data.tag === 'string' && data.tag) {
    options.tag = data.tag;
    options.renotify = true;
  }
  event.waitUntil(self.registration.showNotification(title, options));
});

// Opens the notification's page: an open window of the app is focused and sent
// there, or a new window opens.
async function openPage(target) {
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const open = windows.find((w) => new URL(w.url).origin === self.location.origin);
  if (open) {
    try {
      await open.focus();
    } catch {
      // Focusing needs the click's permission to interact; the page still changes.
    }
    if (open.url === target.href) return;
    try {
      await open.navigate(target.href);
      return;
    } catch {
      // A window this worker does not control cannot be navigated: open a new one.
    }
  }
  await self.clients.openWindow(target.href);
}

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const opening = openPage(appUrl(event.notification.data && event.notification.data.url));
  try {
    event.waitUntil(opening);
  } catch {
    // Only a browser's own event can be extended; a dispatched one runs to its end all the same.
  }
});

// The push service replaced the subscription: hand the new one to the server for
// whoever is logged in (the login cookie goes with the request).
self.addEventListener('pushsubscriptionchange', (event) => {
  event.waitUntil(
    (async () => {
      const old = event.oldSubscription;
      const renewed =
        event.newSubscription ||
        (old && (await self.registration.pushManager.subscribe(old.options)));
      if (!renewed) return;
      const { endpoint, keys } = renewed.toJSON();
      await fetch('/trpc/push.subscribe', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ endpoint, keys: { p256dh: keys.p256dh, auth: keys.auth } }),
      });
    })(),
  );
});
