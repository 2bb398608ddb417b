import {
  addDaysToDate,
  clubDate,
  zonedInstant,
  type ClubSettings,
  type PassTerms,
} from '@turnout/shared';
import { fail } from '../errors.js';
import { getClub, settingsFromRow } from '../repositories/clubs.repository.js';
import type { InstantRange } from '../repositories/query-helpers.js';
import type { ServiceDeps } from './deps.js';

/** What every report needs about its club: settings (time zone, locales) and today's date there. */
interface ReportClub {
  clubId: string;
  name: string;
  settings: ClubSettings;
  /** The server's clock now, as an ISO instant. */
  now: string;
  /** Today in the club's time zone. */
  today: string;
}

export async function reportClub(deps: ServiceDeps, clubId: string): Promise<ReportClub> {
  const row = await getClub(deps.db, clubId);
  if (!row) fail('not_found');
  const settings = settingsFromRow(row);
  const now = deps.clock();
  return {
    clubId,
    name: row.name,
    settings,
    now: now.toISOString(),
    today: clubDate(now.getTime(), settings.timezone),
  };
}

/**
 * Club dates [from, to] (both inclusive, either open) as instants [from, to):
 * from the start of `from` to the start of the day after `to`, in the club's
 * time zone.
 */
export function instantRange(
  timezone: string,
  from: string | undefined,
  to: string | undefined,
): InstantRange {
  return {
    from: from === undefined ? undefined : zonedInstant(from, '00:00', timezone),
    to: to === undefined ? undefined : zonedInstant(addDaysToDate(to, 1), '00:00', timezone),
  };
}

/** A pass's or template's name in the club's first language, else any. */
export function displayName(names: Record<string, string>, locales: readonly string[]): string {
  for (const locale of locales) {
    const name = names[locale];
    if (name) return name;
  }
  return Object.values(names)[0] ?? '';
}

export function parseTerms(text: string): PassTerms {
  return JSON.parse(text) as PassTerms;
}

export interface Money {
  currency: string;
  amountMinor: number;
}

/** Adds amounts per currency; the result is sorted by currency. */
export function sumMoney(items: readonly Money[]): Money[] {
  const totals = new Map<string, number>();
  for (const m of items) totals.set(m.currency, (totals.get(m.currency) ?? 0) + m.amountMinor);
  return [...totals]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, amountMinor]) => ({ currency, amountMinor }));
}

export const page = <T>(rows: readonly T[], p: { limit: number; offset: number }) =>
  rows.slice(p.offset, p.offset + p.limit);
