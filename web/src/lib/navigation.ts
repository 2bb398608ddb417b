import { resolve } from '$app/paths';
import type { ResolvedPathname } from '$app/types';

/**
 * Only a path on this site may be a place to return to after login, never
 * another site (`//evil.example`, `/\evil.example`). It came from this app's
 * own URL (`?next=`), so it is already a resolved path.
 */
export function safeReturnPath(value: string | null | undefined): ResolvedPathname {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) {
    return resolve('/');
  }
  return value as ResolvedPathname;
}

/** The login page, remembering where to go afterwards. */
export function loginUrl(returnTo: string): ResolvedPathname {
  const path = safeReturnPath(returnTo);
  const login = resolve('/login');
  if (path === resolve('/')) return login;
  // A query string on a resolved path is still a resolved path.
  return `${login}?next=${encodeURIComponent(path)}` as ResolvedPathname;
}
