import {
  addDaysToDate,
  clubDate,
  isoWeekday,
  toMs,
  type ClubSettings,
  type Replica,
  type TimeInput,
} from '@turnout/shared';
import type { ResolvedPathname } from '$app/types';
import { sessionCard, type SessionCard } from './sessions';

/**
 * The member's schedule: a week of the club's sessions, or the list of those
 * still ahead, narrowed by training type, place and "mine". Filters live in
 * the page's URL (a shared link keeps them); week or list is a choice of the
 * device (`scheduleMode`).
 */

export type ScheduleMode = 'week' | 'list';

export interface ScheduleFilters {
  /** A training type's id; null = all. */
  type: string | null;
  /** A place as sessions name it; null = all. */
  place: string | null;
  /** Only sessions I am going to, signed up or waiting for, or checked in to. */
  mine: boolean;
}

export const noFilters: ScheduleFilters = { type: null, place: null, mine: false };

const LIMIT = 200;
const clip = (value: string | null) => (value ? value.slice(0, LIMIT) : null);
const isDate = (value: string | null): value is string =>
  value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));

/** The filters and week a link names; anything unknown or malformed is ignored. */
export function scheduleQuery(params: URLSearchParams): {
  filters: ScheduleFilters;
  week: string | null;
} {
  const week = params.get('week');
  return {
    filters: {
      type: clip(params.get('type')),
      place: clip(params.get('place')),
      mine: params.get('mine') === '1',
    },
    week: isDate(week) ? week : null,
  };
}

/** The query string for filters and a week (null = this week), without empty parts. */
export function scheduleSearch(filters: ScheduleFilters, week: string | null): string {
  const params = new URLSearchParams();
  if (filters.type) params.set('type', filters.type);
  if (filters.place) params.set('place', filters.place);
  if (filters.mine) params.set('mine', '1');
  if (week) params.set('week', week);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The schedule's address (`path`: the page resolved against the app's base) with a query. */
export function scheduleHref(
  path: ResolvedPathname,
  filters: ScheduleFilters,
  week: string | null,
): ResolvedPathname {
  // A query string on a resolved path is still a resolved path.
  return `${path}${scheduleSearch(filters, week)}` as ResolvedPathname;
}

export function isFiltered(filters: ScheduleFilters): boolean {
  return filters.type !== null || filters.place !== null || filters.mine;
}

/** Going, signed up, waiting, or checked in. */
export function isMine(card: SessionCard): boolean {
  return card.myStatus !== null || card.iAmGoing;
}

export function matchesFilters(card: SessionCard, filters: ScheduleFilters): boolean {
  if (filters.type !== null && card.session.trainingTypeId !== filters.type) return false;
  if (filters.place !== null && (card.session.location ?? '').trim() !== filters.place) {
    return false;
  }
  return !filters.mine || isMine(card);
}

/** The Monday of the week a club date falls in (weeks run Monday to Sunday, ISO 8601). */
export function weekStart(date: string): string {
  return addDaysToDate(date, 1 - isoWeekday(date));
}

export interface ScheduleDay {
  /** Club-local 'YYYY-MM-DD'. */
  date: string;
  isToday: boolean;
  cards: SessionCard[];
}

export interface ScheduleWeek {
  /** The week's Monday. */
  start: string;
  previous: string;
  next: string;
  /** Whether the week holds today (the club's today). */
  isThisWeek: boolean;
  /** Seven days, Monday first, each with its sessions by start (past ones too). */
  days: ScheduleDay[];
}

/** One week of sessions in the club's zone: `of` is any date in it (null = this week). */
export function scheduleWeek(
  view: Replica,
  memberId: string,
  settings: ClubSettings,
  now: TimeInput,
  of: string | null,
  filters: ScheduleFilters,
): ScheduleWeek {
  const today = clubDate(now, settings.timezone);
  const start = weekStart(of ?? today);
  const dates = Array.from({ length: 7 }, (_, i) => addDaysToDate(start, i));
  const byDate = new Map<string, SessionCard[]>(dates.map((d) => [d, []]));
  for (const session of view.tables.sessions.values()) {
    // Cheap bounds first (a day of slack for the zone), the club date decides.
    const ms = toMs(session.startsAt);
    if (ms < Date.parse(start) - 86_400_000 || ms > Date.parse(dates[6]!) + 2 * 86_400_000) {
      continue;
    }
    const card = sessionCard(view, session, memberId, settings, now);
    const cards = byDate.get(card.date);
    if (cards && matchesFilters(card, filters)) cards.push(card);
  }
  return {
    start,
    previous: addDaysToDate(start, -7),
    next: addDaysToDate(start, 7),
    isThisWeek: dates.includes(today),
    days: dates.map((date) => ({
      date,
      isToday: date === today,
      cards: byDate.get(date)!.sort(byStart),
    })),
  };
}

const byStart = (a: SessionCard, b: SessionCard) =>
  a.session.startsAt.localeCompare(b.session.startsAt) || a.session.id.localeCompare(b.session.id);

/** Sessions not over yet (check-in grace included), by club day, within `days` from now. */
export function scheduleList(
  view: Replica,
  memberId: string,
  settings: ClubSettings,
  now: TimeInput,
  filters: ScheduleFilters,
  days = 28,
): ScheduleDay[] {
  const today = clubDate(now, settings.timezone);
  const horizon = toMs(now) + days * 86_400_000;
  const cards = [...view.tables.sessions.values()]
    .filter((s) => toMs(s.startsAt) <= horizon && toMs(s.endsAt) >= toMs(now) - 86_400_000)
    .map((s) => sessionCard(view, s, memberId, settings, now))
    .filter((c) => !c.closed && matchesFilters(c, filters))
    .sort(byStart);
  const out: ScheduleDay[] = [];
  for (const card of cards) {
    const last = out.at(-1);
    if (last && last.date === card.date) last.cards.push(card);
    else out.push({ date: card.date, isToday: card.date === today, cards: [card] });
  }
  return out;
}

/** What the filters offer: training types in use or not archived, and the places sessions name. */
export function scheduleChoices(view: Replica): {
  types: { id: string; name: string }[];
  places: string[];
} {
  const usedTypes = new Set<string>();
  const places = new Set<string>();
  for (const s of view.tables.sessions.values()) {
    if (s.trainingTypeId) usedTypes.add(s.trainingTypeId);
    const place = s.location?.trim();
    if (place) places.add(place);
  }
  const types = [...view.tables.trainingTypes.values()]
    .filter((t) => !t.archived || usedTypes.has(t.id))
    .map((t) => ({ id: t.id, name: t.name }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { types, places: [...places].sort((a, b) => a.localeCompare(b)) };
}

const MODE_KEY = 'turnout.schedule.mode';

/** Week or list, as this device last chose (list until then). */
export function scheduleMode(storage: Pick<Storage, 'getItem'> | undefined): ScheduleMode {
  try {
    return storage?.getItem(MODE_KEY) === 'week' ? 'week' : 'list';
  } catch {
    return 'list';
  }
}

export function rememberScheduleMode(
  storage: Pick<Storage, 'setItem'> | undefined,
  mode: ScheduleMode,
): void {
  try {
    storage?.setItem(MODE_KEY, mode);
  } catch {
    // Private mode or storage full: the choice lasts for this visit only.
  }
}
