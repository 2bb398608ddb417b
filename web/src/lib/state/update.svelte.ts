import { registerSW } from 'virtual:pwa-register';

/**
 * The service worker and its update prompt (workbox-window underneath).
 * A new version waits until the person chooses to reload: an update swaps
 * the app's files only; IndexedDB (the outbox included) is left alone, and
 * Dexie's schema versions migrate it in place on the next open.
 */
class AppUpdate {
  /** A new version is installed and waiting. */
  available = $state(false);
  /** The app shell is cached: it opens with no network from now on. */
  offlineReady = $state(false);
  #update: ((reload?: boolean) => Promise<void>) | undefined;
  #registration: ServiceWorkerRegistration | undefined;

  register(): void {
    if (this.#update || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
    this.#update = registerSW({
      immediate: true,
      onNeedRefresh: () => (this.available = true),
      onOfflineReady: () => (this.offlineReady = true),
      onRegisteredSW: (_url, registration) => {
        this.#registration = registration;
        // Look for a new version every hour while the app stays open.
        if (registration) setInterval(() => void registration.update(), 60 * 60_000);
      },
    });
  }

  /** Looks for a new version now (e.g. after coming back online). */
  async check(): Promise<void> {
    await this.#registration?.update();
  }

  /** Activates the waiting version and reloads into it. */
  async apply(): Promise<void> {
    await this.#update?.(true);
  }

  dismiss(): void {
    this.available = false;
  }
}

export const appUpdate = new AppUpdate();
