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
  /** Told about each outcome, for the status bar. */
  onOutcome?: (
    outcome: { ok: true } | { ok: false; failure: SyncFailure; retryInMs: number | null },
  ) => void;
}

/**
 * When to sync: on start, on `online`, on returning to the tab, shortly
 * after each new mutation, periodically while online, and when the server
 * pokes. Failures back off exponentially; a lost login pauses until
 * `resume()`. Requests that arrive during a run are folded into one more run.
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
    this.request('start');
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

  request(reason: SyncReason): void {
    if (this.#stopped || this.#paused) return;
    if (reason === 'mutation') {
      // While failing (e.g. no signal), new changes wait for the backoff's retry like the
      // rest: trying after every tap would only keep the device store busy while hosts tap.
      if (this.#failures === 0) this.#schedule(this.#opts.debounceMs);
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
      if (this.#again && !this.#stopped && !this.#paused) {
        this.#again = false;
        this.#schedule(0);
      }
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
      this.#opts.onOutcome?.({ ok: true });
    } catch (error) {
      const failure =
        error instanceof SyncFailure ? error : new SyncFailure('internal', String(error));
      if (failure.needsLogin) {
        this.#paused = true;
        this.#opts.onOutcome?.({ ok: false, failure, retryInMs: null });
        return;
      }
      const delay = Math.min(this.#opts.maxBackoffMs, this.#opts.backoffMs * 2 ** this.#failures);
      this.#failures++;
      const retryInMs = Math.round(delay * (0.75 + Math.random() * 0.25));
      this.#opts.onOutcome?.({ ok: false, failure, retryInMs });
      if (!this.#stopped) this.#schedule(retryInMs);
    }
  }
}
