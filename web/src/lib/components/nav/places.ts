import {
  Bell,
  Calendar,
  House,
  LayoutDashboard,
  QrCode,
  Tablet,
  Ticket,
  User,
  Users,
  type IconNode,
} from 'lucide';
import type { MessageKey } from '$lib/i18n';
import type { Place } from '$lib/navigation';

/** How the desktop's top bar names a place (the words the pages' headings use). */
export const placeLabels = {
  sessions: 'shell.sessions',
  passes: 'shell.passes',
  code: 'doorCodes.nav',
  calendar: 'calendar.nav',
  notifications: 'shell.notifications',
  profile: 'profile.nav',
  people: 'shell.people',
  kiosk: 'kiosk.title',
  manage: 'organizer.nav',
} as const satisfies Record<Place, MessageKey>;

/** The phone's bottom bar: a word short enough for a fifth of a 360 px screen, and an icon. */
export const placeShortLabels = {
  sessions: 'shell.short.sessions',
  passes: 'shell.short.passes',
  code: 'shell.short.code',
  calendar: 'shell.short.calendar',
  notifications: 'shell.short.notifications',
  profile: 'shell.short.profile',
  people: 'shell.short.people',
  kiosk: 'shell.short.kiosk',
  manage: 'shell.short.manage',
} as const satisfies Record<Place, MessageKey>;

export const placeIcons = {
  sessions: House,
  passes: Ticket,
  code: QrCode,
  calendar: Calendar,
  notifications: Bell,
  profile: User,
  people: Users,
  kiosk: Tablet,
  manage: LayoutDashboard,
} satisfies Record<Place, IconNode>;
