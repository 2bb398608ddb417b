import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseCookie, stringifySetCookie } from 'cookie';

export const SESSION_COOKIE = 'turnout_session';

export function readSessionCookie(req: IncomingMessage): string | undefined {
  const header = req.headers.cookie;
  return header ? parseCookie(header)[SESSION_COOKIE] : undefined;
}

/** HttpOnly so scripts can't read it; Lax so cross-site posts don't carry it. */
export function setSessionCookie(
  res: ServerResponse,
  token: string,
  expiresAt: Date,
  secure: boolean,
): void {
  appendSetCookie(
    res,
    stringifySetCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure,
      path: '/',
      expires: expiresAt,
    }),
  );
}

export function clearSessionCookie(res: ServerResponse, secure: boolean): void {
  appendSetCookie(
    res,
    stringifySetCookie(SESSION_COOKIE, '', {
      httpOnly: true,
      sameSite: 'lax',
      secure,
      path: '/',
      expires: new Date(0),
    }),
  );
}

function appendSetCookie(res: ServerResponse, cookie: string): void {
  const existing = res.getHeader('set-cookie');
  const list = Array.isArray(existing) ? existing : existing ? [String(existing)] : [];
  res.setHeader('set-cookie', [...list, cookie]);
}
