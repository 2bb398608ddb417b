import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorMessages } from '@turnout/shared';
import { refuseCall } from './trpc-refusal.js';

/**
 * Sheds load instead of letting requests time out. Pushes and pulls run one
 * at a time on the database connection; when more arrive than the server
 * can get through, each new one would only wait in line — a device's request
 * then times out and it retries into the same line. A new API call is
 * answered at once with 503 `busy` and a short, jittered `Retry-After`
 * (which the device's backoff honours; its outbox keeps everything) when
 * `limit` calls are in flight, or when the oldest call in flight has waited
 * longer than `maxWaitMs`: a crowd of devices with one call each never
 * reaches a count limit, but its line shows in how long the oldest waits.
 * The change stream (long-lived SSE) is not counted.
 */
export class Overload {
  /** Calls in flight and when each was admitted, oldest first (Map keeps insertion order). */
  readonly #admitted = new Map<object, number>();

  constructor(
    private readonly limit: number,
    private readonly maxWaitMs = 1000,
  ) {}

  get inFlight(): number {
    return this.#admitted.size;
  }

  #crowded(): boolean {
    if (this.#admitted.size >= this.limit) return true;
    const oldest = this.#admitted.values().next();
    return !oldest.done && performance.now() - oldest.value > this.maxWaitMs;
  }

  /** Admits the request (and counts it until it ends), or answers it 503 and returns false. */
  admit(req: IncomingMessage, res: ServerResponse, pathname: string): boolean {
    if (pathname.startsWith('/trpc/sync.changes')) return true;
    if (this.#crowded()) {
      const seconds = 1 + Math.floor(Math.random() * 3);
      refuseCall(res, -32603, errorMessages.busy, {
        code: 'busy',
        httpStatus: 503,
        retryAfterSeconds: seconds,
      });
      req.resume();
      return false;
    }
    const key = {};
    this.#admitted.set(key, performance.now());
    const done = () => this.#admitted.delete(key);
    res.once('close', done);
    res.once('finish', done);
    return true;
  }
}
