import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import type { Logger } from '../logger.js';

/** What every service needs: the store, the configuration, the clock and the log. */
export interface ServiceDeps {
  db: Db;
  config: Config;
  logger: Logger;
  /** The server's clock; tests pass their own. */
  clock: () => Date;
}
