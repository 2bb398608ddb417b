import { percentile } from './bench.js';

export type CallKind = 'push' | 'pull';

/**
 * What the simulated devices saw in one phase of the load bench. Latencies
 * are of answered requests (HTTP 200), from the first byte sent to the last
 * byte received; a request the server turned away with Retry-After is counted
 * apart (and its retry, once answered, is an answered request).
 */
export class PhaseStats {
  readonly latency: Record<CallKind, number[]> = { push: [], pull: [] };
  /** A push from its first attempt to its answer, waits for Retry-After included. */
  readonly pushDone: number[] = [];
  /** A device's pull from its first page to hasMore = false, waits included. */
  readonly pullCycle: number[] = [];
  readonly retryAfter: Record<number, number> = {};
  /** Unanswered: timed out (10 s), connection failed, or an error with no Retry-After. */
  readonly failures = new Map<string, number>();
  /** Server-side refusals of mutations (check-ins or intents the bench expected to apply). */
  readonly refusals = new Map<string, number>();
  checkinsApplied = 0;
  intentsApplied = 0;
  pokes = 0;
  /** Pokes a member's phone took the counts of instead of pulling (they concerned others). */
  pullsSpared = 0;
  streamErrors = 0;
  /** Requests sent again because a reused keep-alive connection was closed under them. */
  resent = 0;
  /** Operations still waiting on a Retry-After when the phase ended (neither done nor failed). */
  leftWaiting = 0;

  fail(kind: CallKind | 'stream', reason: string): void {
    const key = `${kind}: ${reason}`;
    this.failures.set(key, (this.failures.get(key) ?? 0) + 1);
  }

  refused(name: string, code: string): void {
    const key = `${name}: ${code}`;
    this.refusals.set(key, (this.refusals.get(key) ?? 0) + 1);
  }

  turnedAway(status: number): void {
    this.retryAfter[status] = (this.retryAfter[status] ?? 0) + 1;
  }

  get failed(): number {
    let n = 0;
    for (const count of this.failures.values()) n += count;
    return n;
  }

  get timeouts(): number {
    let n = 0;
    for (const [key, count] of this.failures) if (key.endsWith('timeout')) n += count;
    return n;
  }

  get refusedCount(): number {
    let n = 0;
    for (const count of this.refusals.values()) n += count;
    return n;
  }
}

export const p = (values: number[], q: number) =>
  values.length === 0 ? Number.NaN : Math.round(percentile(values, q) * 10) / 10;

/** Samples the event loop's lag of this process (the load generator) every 20 ms. */
export class LagProbe {
  readonly lags: number[] = [];
  #timer: NodeJS.Timeout | undefined;
  #last = 0;

  start(): void {
    this.#last = performance.now();
    this.#timer = setInterval(() => {
      const now = performance.now();
      this.lags.push(Math.max(0, now - this.#last - 20));
      this.#last = now;
    }, 20);
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}
