import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  chromium,
  expect,
  type Browser,
  type BrowserContext,
  type LaunchOptions,
  type Page,
} from '@playwright/test';
import { SyncStatus } from '../pages/SyncStatus';
import { sessionCookieName } from './api';
import type { Person } from './club';
import { baseURL as defaultBaseURL, browserLocale, browserTimeZone } from './env';

export interface PhoneOptions {
  /** The test's `launchOptions` fixture (Debian's Chromium and its flags). */
  launchOptions: LaunchOptions;
  baseURL?: string;
  /** Shown in failure messages. */
  label?: string;
}

/**
 * Someone's phone: a Chromium profile of its own (a persistent context), so
 * it can be closed and opened again with its IndexedDB outbox and service
 * worker kept, like an installed app after a restart.
 */
export class Phone {
  #context: BrowserContext;
  #page: Page;

  private constructor(
    readonly profile: string,
    readonly options: PhoneOptions,
    context: BrowserContext,
    page: Page,
  ) {
    this.#context = context;
    this.#page = page;
  }

  /** A new profile, logged in as `person` (their login cookie, as after logging in). */
  static async open(person: Person, options: PhoneOptions): Promise<Phone> {
    const profile = mkdtempSync(join(tmpdir(), 'turnout-phone-'));
    const { context, page } = await launch(profile, options, false);
    await logIn(context, person, options.baseURL ?? defaultBaseURL);
    return new Phone(profile, options, context, page);
  }

  get context(): BrowserContext {
    return this.#context;
  }

  get page(): Page {
    return this.#page;
  }

  get status(): SyncStatus {
    return new SyncStatus(this.#page);
  }

  /**
   * Opens the app for the first time and lets the service worker take over:
   * the first load is not controlled by it (prompt mode, no clientsClaim), so
   * wait until it is ready and reload. Ends with the club synced.
   */
  async install(): Promise<void> {
    await this.#page.goto('/');
    await expectActiveWorker(this.#page);
    await this.#page.reload();
    await expect
      .poll(() => this.#page.evaluate(() => navigator.serviceWorker.controller !== null), {
        message: `${this.options.label ?? 'the phone'}: the service worker controls the page`,
      })
      .toBe(true);
    await this.expectSynced();
  }

  /** The status says everything is sent and the club was pulled. */
  async expectSynced(): Promise<void> {
    await expect(this.status.allSynced).toBeVisible();
    await expect(this.status.lastSynced).toBeVisible();
  }

  async setOffline(offline: boolean): Promise<void> {
    await this.#context.setOffline(offline);
    await expect(this.status.connection(offline ? 'Offline' : 'Online')).toBeVisible();
  }

  /** Closes the browser (the app is gone from memory; the profile stays on disk). */
  async close(): Promise<void> {
    await this.#context.close();
  }

  /** Starts the browser again on the same profile, optionally with no network. */
  async reopen(options: { offline: boolean }): Promise<void> {
    const { context, page } = await launch(this.profile, this.options, options.offline);
    this.#context = context;
    this.#page = page;
  }

  /** Closes the browser and deletes the profile. */
  async dispose(): Promise<void> {
    await this.#context.close().catch(() => undefined);
    rmSync(this.profile, { recursive: true, force: true });
  }
}

/** Gives a browser `person`'s login cookie, as logging in there would. */
async function logIn(context: BrowserContext, person: Person, url: string): Promise<void> {
  const token = person.api.sessionToken;
  if (!token) throw new Error(`${person.name} is not logged in`);
  await context.addCookies([
    {
      name: sessionCookieName,
      value: token,
      url,
      httpOnly: true,
      sameSite: 'Lax',
      // A lasting cookie, like the server's: it survives closing the browser.
      expires: Math.floor(Date.now() / 1000) + 30 * 24 * 60 * 60,
    },
  ]);
}

/**
 * A plain browser context logged in as `person` (no profile on disk). axe
 * needs a page of such a context.
 */
export async function signedInContext(browser: Browser, person: Person): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: defaultBaseURL,
    locale: browserLocale,
    timezoneId: browserTimeZone,
  });
  await logIn(context, person, defaultBaseURL);
  return context;
}

/**
 * Waits until the page's service worker is installed and active (its precache
 * filled), and returns where it is registered.
 */
export async function expectActiveWorker(page: Page): Promise<{ scope: string; script: string }> {
  const active = () =>
    page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      const script = registration?.active?.scriptURL;
      return script ? { scope: registration.scope, script } : null;
    });
  // Installing precaches the whole app (some 120 files): on a busy machine that takes more than the default 10 s.
  await expect
    .poll(active, { message: 'an active service worker', timeout: 30_000 })
    .not.toBeNull();
  return (await active())!;
}

async function launch(
  profile: string,
  options: PhoneOptions,
  offline: boolean,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(profile, {
    ...options.launchOptions,
    baseURL: options.baseURL ?? defaultBaseURL,
    locale: browserLocale,
    timezoneId: browserTimeZone,
    offline,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}
