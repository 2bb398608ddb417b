import { openStore } from './app.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { issueSetupLink } from './services/setup.service.js';

interface SetupLinkOutput {
  /** The link alone, for stdout, so a script can capture it. */
  link: string;
  /** Anything the person running the command should know first (for stderr). */
  notice?: string;
}

/**
 * `turnout setup-link`: a one-time link that creates a club and its owner.
 * With TURNOUT_SETUP_TOKEN set (as the service's environment often is), the
 * link uses that token while it is unused; once it has created a club the
 * command says so and prints a link with a fresh token instead of a dead one.
 */
export async function setupLinkCommand(config: Config, logger: Logger): Promise<SetupLinkOutput> {
  const store = await openStore(config, logger);
  try {
    const base = config.publicUrl ?? `http://localhost:${config.port}`;
    const { link, configuredTokenUsedFor } = await issueSetupLink(store, base);
    if (configuredTokenUsedFor === undefined) return { link };
    return {
      link,
      notice:
        `TURNOUT_SETUP_TOKEN has already been used: it created the club "${configuredTokenUsedFor}", ` +
        'so a link with it would be refused. This link has a new one-time token and creates another club:',
    };
  } finally {
    await store.db.destroy();
  }
}
