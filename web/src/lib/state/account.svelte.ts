import { api, apiThrough, attempt, type ApiFailure, type Me, type MyClub } from '$lib/api';
import { locales, setLocale, type Locale } from '$lib/i18n';

/** Where the chosen club is remembered on this device. */
const clubStorageKey = 'turnout.clubId';
/** The last known account, so the app opens with no signal. */
const meStorageKey = 'turnout.me';

type AccountStatus = 'unknown' | 'loading' | 'signedIn' | 'signedOut' | 'unreachable';

function savedClubId(): string | null {
  return typeof localStorage === 'undefined' ? null : localStorage.getItem(clubStorageKey);
}

function savedMe(): Me | null {
  if (typeof localStorage === 'undefined') return null;
  try {
    return JSON.parse(localStorage.getItem(meStorageKey) ?? 'null') as Me | null;
  } catch {
    return null;
  }
}

/**
 * Who is logged in on this device, their clubs, and which club the app is
 * showing. The login itself is an HttpOnly cookie the app cannot read, so
 * "logged in" is whatever `auth.current` last answered.
 */
class Account {
  #me = $state<Me | null>(null);
  #status = $state<AccountStatus>('unknown');
  #failure = $state<ApiFailure | null>(null);
  /** Shown from the device's copy because the server could not be reached. */
  #offline = $state(false);
  #chosenClubId = $state<string | null>(savedClubId());
  #pending: Promise<void> | undefined;

  /** The club being shown: the one chosen on this device if still a member, else the first. */
  #club = $derived.by((): MyClub | null => {
    const clubs = this.#me?.clubs ?? [];
    return clubs.find((c) => c.clubId === this.#chosenClubId) ?? clubs[0] ?? null;
  });

  get me(): Me | null {
    return this.#me;
  }

  get status(): AccountStatus {
    return this.#status;
  }

  /** Why the last check of the login failed, when `status` is `unreachable`. */
  get failure(): ApiFailure | null {
    return this.#failure;
  }

  /** True while the account shown is the device's last known one (server not reached). */
  get offline(): boolean {
    return this.#offline;
  }

  get club(): MyClub | null {
    return this.#club;
  }

  /**
   * Asks the server once who is logged in; later calls reuse the answer. A layout's `load`
   * passes its own `fetch`.
   */
  ensureLoaded(through?: typeof globalThis.fetch): Promise<void> {
    if (this.#status === 'signedIn' || this.#status === 'signedOut') return Promise.resolve();
    this.#pending ??= this.refresh(through).finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  /** Asks the server again (after a role change, or to retry after a network failure). */
  async refresh(through?: typeof globalThis.fetch): Promise<void> {
    this.#status = 'loading';
    const client = through ? apiThrough(through) : api;
    // `auth.current` answers "nobody" as null, so a login page does not log a failed request.
    const result = await attempt(() => client.auth.current.query());
    if (result.ok && result.value) {
      this.signedIn(result.value);
    } else if (result.ok || result.failure.code === 'unauthenticated') {
      this.#signedOut();
    } else if (result.failure.code === 'network' && savedMe()) {
      // No signal: open with the last known account; the outbox syncs later.
      this.#me = savedMe();
      this.#failure = result.failure;
      this.#offline = true;
      this.#status = 'signedIn';
    } else {
      this.#failure = result.failure;
      this.#status = 'unreachable';
    }
  }

  /** Records the account returned by login, setup or joining a club. */
  signedIn(me: Me, showClubId?: string): void {
    this.#me = me;
    this.#failure = null;
    this.#offline = false;
    localStorage.setItem(meStorageKey, JSON.stringify(me));
    this.#status = 'signedIn';
    // The language chosen on the profile wins over this device's; null leaves the device's own.
    const chosen = me.user.locale;
    if (chosen && chosen in locales) setLocale(chosen as Locale);
    if (showClubId) this.chooseClub(showClubId);
  }

  chooseClub(clubId: string): void {
    this.#chosenClubId = clubId;
    localStorage.setItem(clubStorageKey, clubId);
  }

  /** Ends the login on the server; the device forgets the account only when that worked. */
  async logout(): Promise<ApiFailure | null> {
    const result = await attempt(() => api.auth.logout.mutate());
    if (!result.ok) return result.failure;
    this.#signedOut();
    return null;
  }

  #signedOut(): void {
    localStorage.removeItem(meStorageKey);
    this.#me = null;
    this.#failure = null;
    this.#status = 'signedOut';
  }
}

export const account = new Account();
