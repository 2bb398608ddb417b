/**
 * Helpers for the web app's tests: a club replica holding given rows (as a
 * device has it after a first pull) and translators. The rows themselves
 * come from the shared factories (`@turnout/shared/testing`).
 */
import { Replica, type ClubSettings, type PullChanges } from '@turnout/shared';
import { aClubSettings, CLUB, TZ } from '@turnout/shared/testing';
import { IntlMessageFormat } from 'intl-messageformat';
import type { MessageKey, MessageValues, Translate } from '$lib/i18n';
import { en } from '$lib/i18n/en';
import { clubFormatters } from '$lib/views/formatters';

/** The rows of each pulled table, and the club's settings over the defaults. */
export type ReplicaRows = {
  [T in Exclude<keyof PullChanges, 'club'>]?: NonNullable<PullChanges[T]>['put'];
} & { settings?: Partial<ClubSettings> };

/** Club `CLUB` ('Riverside') holding these rows, as after a first pull. */
export function replicaOf(rows: ReplicaRows = {}): Replica {
  const { settings, ...tables } = rows;
  const changes: Record<string, { put: unknown[]; del: string[] }> = {
    club: { put: [{ id: CLUB, name: 'Riverside', settings: aClubSettings(settings) }], del: [] },
  };
  for (const [table, put] of Object.entries(tables)) changes[table] = { put, del: [] };
  const view = new Replica(CLUB);
  view.applyChanges(changes as PullChanges, true);
  return view;
}

/** Answers `key {"values":…}`, so a test sees which message was chosen and with what. */
export const keyT: Translate = (key: MessageKey, values?: MessageValues) =>
  values ? `${key} ${JSON.stringify(values)}` : key;

/** `$t` over the real English catalogue, to check the sentences people read. */
export const t: Translate = (key: MessageKey, values?: MessageValues) => {
  let message: unknown = en;
  for (const part of key.split('.')) message = (message as Record<string, unknown>)[part];
  if (typeof message !== 'string') throw new Error(`No message ${key}`);
  return String(new IntlMessageFormat(message, 'en').format(values));
};

/** British English dates and times in the club's time zone. */
export const fmt = clubFormatters('en-GB', TZ);
