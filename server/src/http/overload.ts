import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorMessages } from '@turnout/shared';

/**
 * Sheds load instead of letting requests time out. Pushes and pulls run one
 * at a time on the database connection; when more arrive than the server
 * can get through, each new one would only wait in line — a device's request
 * then times out and it retries into the same line. Past `limit` API calls
 * in flight, a new one is answered at once: 503 `busy` with a short,
 * jittered `Retry-After`, which the device's backoff honours (its outbox
 * keeps everything). The change stream (long-lived SSE) is not counted.
 */
export class Overload {
  #inFlight = 0;

  constructor(private readonly limit: number) {}

  get inFlight(): number {
    return this.#inFlight;
  }

  /** Admits the request (and counts it until it ends), or answers it 503 and returns false. */
  admit(req: IncomingMessage, res: ServerResponse, pathname: string): boolean {
    if (pathname.startsWith('/trpc/sync.changes')) return true;
    if (this.#inFlight >= this.limit) {
      const seconds = 1 + Math.floor(Math.random() * 3);
      res.writeHead(503, {
        'content-type': 'application/json',
        'cache-control': 'no-store',
        'retry-after': String(seconds),
      });
      res.end(
        JSON.stringify({
          error: {
            message: errorMessages.busy,
            code: -32603,
            data: { code: 'busy', httpStatus: 503, retryAfterSeconds: seconds },
          },
        }),
      );
      req.resume();
      return false;
    }
    this.#inFlight++;
    let counted = true;
    const done = () => {
      if (!counted) return;
      counted = false;
      this.#inFlight--;
    };
    res.once('close', done);
    res.once('finish', done);
    return true;
  }
}
