import { SyncFailure } from './engine';

export type SyncReason =
  'start' | 'online' | 'visible' | 'mutation' | 'periodic' | 'poke' | 'manual';

export interface SchedulerOptions {
  /** One tab at a time syncs a club: the Web Locks name. */
  lockName: string;
  /** Wait after a new mutation before sending, so a burst goes as one batch. */
  debounceMs?: number;
  /** Sync this often while online and visible. */
  periodicMs?: number;
  /** First retry delay after a failure; doubles up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /**
   * The longest server-given wait (`Retry-After`) honoured as given; a longer
   * one is more likely a misconfigured proxy than a plan, and a device silent
   * for hours would look broken.
   */
  maxRetryAfterMs?: number;
  /** Told about each outcome, for the status bar. */
  onOutcome?: (
    outcome: { ok: true } | { ok: false; failure: SyncFailure; retryInMs: number | null },
  ) => void;
}

/**
 * How long to wait before retrying after a failure: the own backoff with
 * jitter (75–100 % of it), or the server's `Retry-After` when that is longer,
 * plus up to 10 % (at most 5 s) so devices told the same wait do not all come
 * back in the same second. Never sooner than the server said.
 */
export function retryDelay(
  backoffMs: number,
  serverWaitMs: number | null,
  random: () => number = Math.random,
): number {
  const own = Math.round(backoffMs * (0.75 + random() * 0.25));
  if (serverWaitMs === null) return own;
  const spread = Math.round(random() * Math.min(serverWaitMs * 0.1, 5_000));
  return Math.max(own, serverWaitMs + spread);
}

/**
 * When to sync: on start, on `online`, on returning to the tab, shortly
 * after each new mutation, periodically while online, and when the server
 * pokes. Failures back off exponentially; a lost login pauses until
 * `resume()`; a server that said when to come back (rate limit, overload) is
 * not asked again before then, whatever the reason. Requests that arrive
 * during a run are folded into one more run, or into the retry if it failed.
 */
export class SyncScheduler {
  readonly #cycle: () => Promise<void>;
  readonly #opts: Required<Omit<SchedulerOptions, 'onOutcome'>> &
    Pick<SchedulerOptions, 'onOutcome'>;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #periodic: ReturnType<typeof setInterval> | undefined;
  #running: Promise<void> | null = null;
  #again = false;
  #failures = 0;
  /** Epoch ms before which the server asked not to be called again (0: no such wait). */
  #notBefore = 0;
  #paused = false;
  #stopped = true;
  readonly #onOnline = () => this.request('online');
  readonly #onVisible = () => {
    if (document.visibilityState === 'visible') this.request('visible');
  };

  constructor(cycle: () => Promise<void>, options: SchedulerOptions) {
    this.#cycle = cycle;
    // `??` and not a spread: an option passed as undefined must not erase its default.
    this.#opts = {
      ...options,
      debounceMs: options.debounceMs ?? 300,
      periodicMs: options.periodicMs ?? 60_000,
      backoffMs: options.backoffMs ?? 1_000,
      maxBackoffMs: options.maxBackoffMs ?? 60_000,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 3_600_000,
    };
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    if (typeof window !== 'undefined') {
      window.addEventListener('online', this.#onOnline);
      document.addEventListener('visibilitychange', this.#onVisible);
    }
    this.#periodic = setInterval(() => {
      if (typeof navigator === 'undefined' || navigator.onLine) this.request('periodic');
    }, this.#opts.periodicMs);
    // Started again after `stop()` while a retry waited: the retry's timer is gone, so run
    // now, or when the server's wait ends.
    if (!this.#paused) this.#schedule(Math.max(0, this.#notBefore - Date.now()));
  }

  stop(): void {
    this.#stopped = true;
    this.#dueSoon = false;
    clearTimeout(this.#timer);
    clearInterval(this.#periodic);
    if (typeof window !== 'undefined') {
      window.removeEventListener('online', this.#onOnline);
      document.removeEventListener('visibilitychange', this.#onVisible);
    }
  }

  /** After logging in again: sync right away. */
  resume(): void {
    this.#paused = false;
    this.#failures = 0;
    this.request('manual');
  }

  get paused(): boolean {
    return this.#paused;
  }

  /** When the server's wait ends (epoch ms), while it has asked for one; else null. */
  get waitingUntil(): number | null {
    return this.#notBefore > Date.now() ? this.#notBefore : null;
  }

  request(reason: SyncReason): void {
    if (this.#stopped || this.#paused) return;
    // The server said when to come back (Retry-After on a rate limit or overload): no reason
    // overrides that, not even `online` or `manual` ("Sync now"). Calling earlier would be
    // refused again and could lengthen the limit; the retry at that time is already set, and
    // changes made meanwhile are in the outbox and go with it.
    if (this.waitingUntil !== null) return;
    if (reason === 'mutation') {
      // While failing (e.g. no signal), new changes wait for the backoff's retry like the
      // rest: trying after every tap would only keep the device store busy while hosts tap.
      if (this.#failures === 0) this.#schedule(this.#opts.debounceMs);
    } else if (reason === 'poke') {
      // Every device of the club hears the same poke at the same moment: each waits a random
      // part of the debounce before pulling, so the server sees a spread, not a spike.
      if (this.#failures === 0 && !this.#dueSoon) {
        this.#schedule(Math.round(Math.random() * this.#opts.debounceMs));
      }
    } else if (reason === 'online' || reason === 'manual' || this.#failures === 0) {
      // A retry waiting on backoff is overtaken by a real reason to try now.
      this.#failures = reason === 'online' || reason === 'manual' ? 0 : this.#failures;
      this.#schedule(0);
    }
  }

  /**
   * Resolves when no run is in progress or due soon (a debounced or immediate
   * one); a retry waiting on backoff does not count. For tests and benchmarks.
   */
  async idle(): Promise<void> {
    while (this.#running || this.#dueSoon) {
      await (this.#running ?? new Promise((r) => setTimeout(r, 5)));
    }
  }

  #dueSoon = false;

  #schedule(delayMs: number): void {
    clearTimeout(this.#timer);
    this.#dueSoon = delayMs <= this.#opts.debounceMs;
    this.#timer = setTimeout(() => {
      this.#dueSoon = false;
      void this.#run();
    }, delayMs);
  }

  async #run(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#locked().finally(() => {
      this.#running = null;
      // After a failure the retry is already set, and what was asked meanwhile waits for it:
      // running again at once would overtake a backoff or a server's Retry-After.
      const again = this.#again && this.#failures === 0;
      this.#again = false;
      if (again && !this.#stopped && !this.#paused) this.#schedule(0);
    });
    await this.#running;
  }

  async #locked(): Promise<void> {
    try {
      if (typeof navigator !== 'undefined' && navigator.locks) {
        await navigator.locks.request(this.#opts.lockName, () => this.#cycle());
      } else {
        await this.#cycle();
      }
      this.#failures = 0;
      this.#notBefore = 0;
      this.#opts.onOutcome?.({ ok: true });
    } catch (error) {
      const failure =
        error instanceof SyncFailure ? error : new SyncFailure('internal', String(error));
      if (failure.needsLogin) {
        this.#paused = true;
        this.#opts.onOutcome?.({ ok: false, failure, retryInMs: null });
        return;
      }
      const backoff = Math.min(this.#opts.maxBackoffMs, this.#opts.backoffMs * 2 ** this.#failures);
      this.#failures++;
      const serverWait =
        failure.retryAfterMs === null
          ? null
          : Math.min(Math.max(0, failure.retryAfterMs), this.#opts.maxRetryAfterMs);
      const retryInMs = retryDelay(backoff, serverWait);
      this.#notBefore = serverWait === null ? 0 : Date.now() + serverWait;
      this.#opts.onOutcome?.({ ok: false, failure, retryInMs });
      if (!this.#stopped) this.#schedule(retryInMs);
    }
  }
}
