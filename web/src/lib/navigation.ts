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

/** The app's main places, as the navigation names them. */
export type Place =
  | 'sessions'
  | 'passes'
  | 'code'
  | 'calendar'
  | 'notifications'
  | 'profile'
  | 'people'
  | 'kiosk'
  | 'manage';

export const placePaths = {
  sessions: '/',
  passes: '/passes',
  code: '/code',
  calendar: '/calendar',
  notifications: '/notifications',
  profile: '/profile',
  people: '/people',
  kiosk: '/kiosk',
  manage: '/manage',
} as const satisfies Record<Place, string>;

/** Pages reached from a place (not in the navigation themselves) that belong to it. */
const belongsTo: readonly (readonly [prefix: string, place: Place])[] = [
  ['/sessions/', 'sessions'],
  ['/history', 'passes'],
  ['/attention', 'sessions'],
  ['/family', 'profile'],
];

/**
 * Where someone can go, in the order the desktop's top bar shows them, and how a phone's
 * bottom bar splits them: the four places used most by this role on the bar, the rest
 * under "More". Members mostly book, pay and get in; hosts mostly run the door and the club.
 */
export function placesFor(staff: boolean): { all: Place[]; bar: Place[]; more: Place[] } {
  if (!staff) {
    return {
      all: ['sessions', 'passes', 'code', 'calendar', 'notifications', 'profile'],
      bar: ['sessions', 'passes', 'code', 'notifications'],
      more: ['calendar', 'profile'],
    };
  }
  return {
    all: [
      'sessions',
      'passes',
      'code',
      'calendar',
      'notifications',
      'profile',
      'people',
      'kiosk',
      'manage',
    ],
    bar: ['sessions', 'people', 'manage', 'notifications'],
    more: ['passes', 'code', 'calendar', 'profile', 'kiosk'],
  };
}

/** The place a page belongs to, for marking it current; null for pages of no place. */
export function placeOf(pathname: string): Place | null {
  if (pathname === '/') return 'sessions';
  for (const [prefix, place] of belongsTo) if (pathname.startsWith(prefix)) return place;
  for (const [place, path] of Object.entries(placePaths) as [Place, string][]) {
    if (path !== '/' && (pathname === path || pathname.startsWith(`${path}/`))) return place;
  }
  return null;
}
