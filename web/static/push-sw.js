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

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const target = appUrl(event.notification.data && event.notification.data.url);
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      // An open window of the app is reused: focused, then sent to the page.
      const open = windows.find((w) => new URL(w.url).origin === self.location.origin);
      if (open) {
        const focused = await open.focus();
        if (new URL(focused.url).href === target.href) return;
        try {
          await focused.navigate(target.href);
          return;
        } catch {
          // A window this worker does not control cannot be navigated: open a new one.
        }
      }
      await self.clients.openWindow(target.href);
    })(),
  );
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
