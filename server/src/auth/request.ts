import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { Config } from '../config.js';

/** What the server needs to know about where a request came from. */
export interface RequestInfo {
  ip: string;
  /** `https://host:port` as the browser addressed us. */
  origin: string;
  secure: boolean;
  userAgent: string | undefined;
  /** The Origin header, when a browser sent one. */
  requestOrigin: string | undefined;
  /** Sec-Fetch-Site, when a browser sent one. */
  fetchSite: string | undefined;
}

function first(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v?.split(',')[0]?.trim() || undefined;
}

export function describeRequest(req: IncomingMessage, config: Config): RequestInfo {
  const forwardedProto = config.trustProxy ? first(req.headers['x-forwarded-proto']) : undefined;
  const proto = forwardedProto ?? ((req.socket as Partial<TLSSocket>).encrypted ? 'https' : 'http');
  const host =
    (config.trustProxy ? first(req.headers['x-forwarded-host']) : undefined) ??
    req.headers.host ??
    `localhost:${config.port}`;
  const ip =
    (config.trustProxy ? first(req.headers['x-forwarded-for']) : undefined) ??
    req.socket.remoteAddress ??
    'unknown';
  return {
    ip,
    origin: config.publicUrl ?? `${proto}://${host}`,
    secure: proto === 'https' || Boolean(config.publicUrl?.startsWith('https:')),
    userAgent: req.headers['user-agent'],
    requestOrigin: first(req.headers.origin),
    fetchSite: first(req.headers['sec-fetch-site']),
  };
}

/**
 * A browser always sends Origin on a POST; a page of another site must not
 * act with our cookie. Programs that send no Origin (scripts, tests, other
 * clients) are allowed: they can't hold a victim's cookie.
 */
export function originAllowed(info: RequestInfo, config: Config): boolean {
  if (info.fetchSite === 'cross-site') return false;
  if (!info.requestOrigin) return true;
  const allowed = new Set([info.origin]);
  if (config.publicUrl) allowed.add(new URL(config.publicUrl).origin);
  return allowed.has(info.requestOrigin);
}
