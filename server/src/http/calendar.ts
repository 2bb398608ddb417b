import type { IncomingMessage, ServerResponse } from 'node:http';
import { calendarToken } from '@turnout/shared';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { describeRequest } from '../auth/request.js';
import type { ServiceDeps } from '../services/deps.js';
import { feedFile } from '../services/calendar.service.js';

/**
 * `GET /calendar/<token>.ics`: a calendar feed, for apps that poll without a
 * login (docs/protocol.md, "Calendar feeds"). An unknown, revoked or
 * malformed token, and a removed member's, all get the same 404. Rate
 * limited per token (one app polling) and per address (many members
 * behind one calendar service's fetchers share an address, hence the
 * larger number).
 */
export interface CalendarLimits {
  /** Fetches per minute of one address. */
  perToken: number;
  /** Fetches per minute from one network address. */
  perAddress: number;
}

const defaultLimits: CalendarLimits = { perToken: 20, perAddress: 300 };

const pathPattern = /^\/calendar\/([^/]+)\.ics$/;

export function calendarFeeds(
  deps: ServiceDeps,
  limits: CalendarLimits = defaultLimits,
): (req: IncomingMessage, res: ServerResponse) => void {
  const perToken = new RateLimiterMemory({ points: limits.perToken, duration: 60 });
  const perAddress = new RateLimiterMemory({ points: limits.perAddress, duration: 60 });
  return (req, res) => {
    answer(deps, perToken, perAddress, req, res).catch((error: unknown) => {
      deps.logger.error({ err: error }, 'calendar feed failed');
      if (!res.headersSent) plain(res, 500, 'The calendar could not be made. Try again later.');
      else res.destroy();
    });
  };
}

async function answer(
  deps: ServiceDeps,
  perToken: RateLimiterMemory,
  perAddress: RateLimiterMemory,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  res.setHeader('x-robots-tag', 'noindex');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    plain(res, 405, 'Calendars are fetched with GET.');
    return;
  }
  const pathname = (req.url ?? '/').split('?')[0] ?? '/';
  const token = calendarToken.safeParse(pathPattern.exec(pathname)?.[1]);

  const { ip } = describeRequest(req, deps.config);
  const wait =
    (await waitSeconds(perAddress, ip)) ??
    (token.success ? await waitSeconds(perToken, token.data) : undefined);
  if (wait !== undefined) {
    res.setHeader('retry-after', String(wait));
    plain(res, 429, `Too many requests. Please wait ${wait} seconds.`);
    return;
  }

  const found = token.success
    ? await feedFile(deps, token.data, req.headers['if-none-match'])
    : ({ kind: 'missing' } as const);
  if (found.kind === 'missing') {
    plain(res, 404, 'No calendar at this address.');
    return;
  }
  // Revalidated on every poll; with the ETag that costs a few index lookups.
  res.setHeader('cache-control', 'private, no-cache');
  res.setHeader('etag', found.etag);
  if (found.kind === 'unchanged') {
    res.writeHead(304);
    res.end();
    return;
  }
  res.writeHead(200, {
    'content-type': 'text/calendar; charset=utf-8',
    'content-disposition': 'inline; filename="turnout.ics"',
    'content-length': Buffer.byteLength(found.body),
  });
  res.end(req.method === 'HEAD' ? undefined : found.body);
}

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(text);
}

/** Seconds to wait when the limiter says no; undefined when the request may go on. */
async function waitSeconds(limiter: RateLimiterMemory, key: string): Promise<number | undefined> {
  try {
    await limiter.consume(key);
    return undefined;
  } catch (error) {
    if (error instanceof RateLimiterRes) return Math.max(1, Math.ceil(error.msBeforeNext / 1000));
    throw error;
  }
}
