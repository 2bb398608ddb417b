import { defaultClubSettings, type SetupCreateClubInput } from '@turnout/shared';
import { hashToken, newSetupToken } from '../auth/tokens.js';
import { fail } from '../errors.js';
import { newId } from '../ids.js';
import { countClubs, getClub, insertClub } from '../repositories/clubs.repository.js';
import { insertMembership } from '../repositories/memberships.repository.js';
import {
  findSetupToken,
  insertSetupToken,
  useSetupToken,
} from '../repositories/setup-tokens.repository.js';
import { createAccount, prepareAccount } from './accounts.service.js';
import type { ServiceDeps } from './deps.js';

export function serverTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export async function needsSetup(deps: ServiceDeps): Promise<boolean> {
  return (await countClubs(deps.db)) === 0;
}

/**
 * Makes a setup token usable and returns the link to print: the configured
 * TURNOUT_SETUP_TOKEN when set, otherwise a fresh random one. The link is
 * dead if the configured token was used already: see issueSetupLink.
 */
export async function issueSetupToken(
  deps: ServiceDeps,
  baseUrl: string,
  token: string = deps.config.setupToken ?? newSetupToken(),
): Promise<string> {
  await insertSetupToken(deps.db, hashToken(token), deps.clock().toISOString());
  return `${baseUrl}/setup?token=${encodeURIComponent(token)}`;
}

interface SetupLink {
  link: string;
  /**
   * Set when TURNOUT_SETUP_TOKEN has already created a club (its name): the
   * link then carries a fresh one-time token, as the configured one would
   * only be refused with `already_set_up`.
   */
  configuredTokenUsedFor?: string;
}

/** A setup link that works: TURNOUT_SETUP_TOKEN's while it is unused, else a fresh token's. */
export async function issueSetupLink(deps: ServiceDeps, baseUrl: string): Promise<SetupLink> {
  const configured = deps.config.setupToken;
  if (configured) {
    const row = await findSetupToken(deps.db, hashToken(configured));
    if (row?.used_at) {
      const club = row.club_id ? await getClub(deps.db, row.club_id) : undefined;
      return {
        link: await issueSetupToken(deps, baseUrl, newSetupToken()),
        configuredTokenUsedFor: club?.name ?? 'a club since deleted',
      };
    }
  }
  return { link: await issueSetupToken(deps, baseUrl) };
}

/** On first start of an empty server: the setup link to print, else nothing. */
export async function setupLinkAtStart(
  deps: ServiceDeps,
  baseUrl: string,
): Promise<string | undefined> {
  if (!(await needsSetup(deps))) return undefined;
  return (await issueSetupLink(deps, baseUrl)).link;
}

/** Creates a club and its owner with a one-time setup token. */
export async function createClub(
  deps: ServiceDeps,
  input: SetupCreateClubInput,
): Promise<{ userId: string; clubId: string }> {
  const tokenHash = hashToken(input.token);
  const owner = await prepareAccount(deps, input.owner);
  return deps.db.transaction().execute(async (trx) => {
    const tx = { ...deps, db: trx };
    const token = await findSetupToken(trx, tokenHash);
    if (!token) fail('invalid_setup_token');
    if (token.used_at) fail('already_set_up');
    const now = deps.clock().toISOString();
    const clubId = newId();
    const settings = defaultClubSettings(input.club.timezone ?? serverTimeZone());
    await insertClub(trx, {
      id: clubId,
      name: input.club.name,
      settings,
      createdAt: now,
    });
    if (!(await useSetupToken(trx, tokenHash, clubId, now))) fail('already_set_up');
    const userId = await createAccount(tx, owner);
    await insertMembership(trx, { id: newId(), clubId, userId, role: 'owner', createdAt: now });
    return { userId, clubId };
  });
}
