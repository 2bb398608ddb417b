import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { RateLimits, type RateLimitOptions } from './auth/rate-limit.js';
import { deleteOldRefusals, refusalRetentionDays } from './repositories/mutation-log.repository.js';
import { backupDatabase, startBackupSchedule, type Timers } from './backup.js';
import type { Config } from './config.js';
import {
  migrateToLatest,
  migrationStatus,
  openDatabase,
  openPostgresDatabase,
  type OpenedDatabase,
} from './db/connection.js';
import { migratePostgres } from './db/postgres/connection.js';
import { createHttpServer } from './http/server.js';
import { createLogger, type Logger } from './logger.js';
import { mailConfigured, sweepMailQueue } from './mail/queue.js';
import { startMailSender } from './mail/sender.js';
import { deleteStaleAccountTokens } from './repositories/account-tokens.repository.js';
import { deleteExpiredLoginSessions } from './repositories/login-sessions.repository.js';
import type { ServiceDeps } from './services/deps.js';
import { setupLinkAtStart } from './services/setup.service.js';
import { closeCommittedCounts } from './sync/committed-counts.js';
import { Checkpointer } from './db/checkpointer.js';
import { flushCommits } from './db/durable.js';
import { startPullWorkers } from './sync/pull-pool.js';
import { startClubBus } from './sync/club-bus.js';
import { renderMessage } from './mail/messages/render.js';
import { startNotifyLoop, type NotifyLoop } from './notify/loop.js';
import { pushToUser } from './push/send.js';

export interface RunningServer {
  /** Where people reach the server (PUBLIC_URL when set). */
  url: string;
  /** Where this process listens, e.g. http://127.0.0.1:3000. */
  localUrl: string;
  server: http.Server;
  deps: ServiceDeps;
  /** The SQLite connection; undefined on PostgreSQL (DATABASE_URL). */
  sqlite: OpenedDatabase['sqlite'] | undefined;
  /** The setup link when the server started empty. */
  setupLink: string | undefined;
  /** Reminders and the delivery of notifications by mail and push (tests run a pass at will). */
  notifications: NotifyLoop;
  /** Stops taking requests, lets in-flight ones finish, closes the database. */
  close(): Promise<void>;
}

export function databaseFile(config: Config): string {
  return path.join(config.dataDir, 'turnout.db');
}

export interface OpenedStore extends ServiceDeps {
  /** The SQLite connection; undefined on PostgreSQL. */
  sqlite: OpenedDatabase['sqlite'] | undefined;
}

/**
 * Opens the store and brings its schema up to date: PostgreSQL when
 * DATABASE_URL is set, else the data directory's SQLite file. Before
 * migrating a SQLite database that already has data, a `pre-upgrade` backup
 * is written, so an upgrade can always be undone (on PostgreSQL that is
 * pg_dump's job: docs/self-hosting.md).
 */
export async function openStore(
  config: Config,
  logger: Logger,
  clock: () => Date = () => new Date(),
): Promise<OpenedStore> {
  if (config.databaseUrl) {
    const db = openPostgresDatabase(config.databaseUrl);
    // Several servers starting at once: Kysely's migrator takes a lock, one migrates.
    const applied = await migratePostgres(db);
    if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated');
    return { db, sqlite: undefined, config, logger, clock };
  }
  const { db, sqlite } = openDatabase(databaseFile(config));
  const status = await migrationStatus(db);
  if (status.applied.length > 0 && status.pending.length > 0) {
    const file = await backupDatabase(sqlite, config.dataDir, clock(), 'pre-upgrade');
    logger.info({ file, pending: status.pending }, 'backup written before migrating');
  }
  const applied = await migrateToLatest(db);
  if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated');
  return { db, sqlite, config, logger, clock };
}

export async function startServer(
  config: Config,
  options: {
    logger?: Logger;
    clock?: () => Date;
    rateLimits?: RateLimitOptions;
    /** The daily backup's timers (tests drive them by hand). */
    timers?: Timers;
  } = {},
): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const { sqlite, ...deps } = await openStore(config, logger, options.clock);
  // SQLite: commits are made durable off the event loop from here on (db/durable.ts);
  // PostgreSQL's commit is durable when it returns.
  const durability = sqlite ? flushCommits(deps.db, sqlite, databaseFile(config)) : undefined;
  // SQLite: WAL checkpoints on a thread of their own, never inside a push's COMMIT.
  const checkpoints = sqlite
    ? await Checkpointer.start(sqlite, databaseFile(config), logger)
    : undefined;
  // The pull workers read the SQLite file beside the writer; on PostgreSQL pulls run on the main thread.
  const pullWorkers = sqlite
    ? await startPullWorkers(deps.db, databaseFile(config), config.pullWorkers)
    : undefined;
  // Several app servers on one PostgreSQL database hear each other's changes.
  const bus = config.databaseUrl
    ? await startClubBus(deps.db, config.databaseUrl, logger)
    : undefined;
  // The guessing limits count in PostgreSQL, shared by every app server (auth/rate-limit.ts).
  const limitsPool = config.databaseUrl
    ? new pg.Pool({ connectionString: config.databaseUrl, max: 2 })
    : undefined;
  limitsPool?.on('error', (err) => logger.warn({ err }, 'rate-limit connection lost'));
  const server = createHttpServer(deps, new RateLimits(options.rateLimits, limitsPool));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const localUrl = `http://${shownHost}:${port}`;
  const url = config.publicUrl ?? localUrl;
  logger.info({ url, dataDir: config.dataDir }, 'Turnout is listening');

  const setupLink = await setupLinkAtStart(deps, url);
  if (setupLink) {
    logger.warn({ setupLink }, 'No club yet: open the setup link to create the first club');
  }

  const sweep = async () => {
    try {
      await deleteExpiredLoginSessions(deps.db, deps.clock().toISOString());
    } catch (err) {
      logger.error({ err }, 'could not delete expired logins');
    }
    try {
      // A day after expiry: until then an old link is answered 'expired', not 'invalid'.
      await deleteStaleAccountTokens(
        deps.db,
        new Date(deps.clock().getTime() - 86_400_000).toISOString(),
      );
    } catch (err) {
      logger.error({ err }, 'could not delete expired account links');
    }
    try {
      const before = new Date(deps.clock().getTime() - refusalRetentionDays * 86_400_000);
      // A bounded step per pass: a backlog goes over a few hours, never in one long hold.
      const removed = await deleteOldRefusals(deps.db, before.toISOString());
      if (removed > 0) logger.info({ removed }, 'old refused mutations deleted (retention)');
    } catch (err) {
      logger.error({ err }, 'could not apply the mutation log retention');
    }
    try {
      const mail = await sweepMailQueue(deps.db, deps.clock());
      if (mail.givenUp > 0) logger.warn(mail, 'mail given up: not sent for days');
    } catch (err) {
      logger.error({ err }, 'could not tidy the mail queue');
    }
  };
  void sweep();
  const sweeper = setInterval(sweep, 60 * 60 * 1000);
  sweeper.unref();

  const notifications = startNotifyLoop({
    ...deps,
    baseUrl: url,
    render: renderMessage,
    push: pushToUser,
  });

  // On PostgreSQL backups are pg_dump's (docs/self-hosting.md, "Hosting many clubs").
  if (!sqlite) logger.info('PostgreSQL: no built-in daily backup; back up with pg_dump');
  const backups =
    config.backupHour === null || !sqlite
      ? undefined
      : startBackupSchedule({
          sqlite,
          dataDir: config.dataDir,
          hour: config.backupHour,
          retentionDays: config.backupRetentionDays,
          clock: deps.clock,
          logger,
          ...(options.timers ? { timers: options.timers } : {}),
        });

  // Mail goes out from the queue, never from a request (docs/decisions.md, "Mail").
  const mailSender = mailConfigured(config)
    ? startMailSender({ ...deps, baseUrl: url }, { leaseMs: config.mailLeaseSeconds * 1000 })
    : undefined;
  if (!mailSender) logger.info('Mail is not configured (SMTP_URL, MAIL_FROM): none is sent');
  if (mailSender && !config.publicUrl) {
    logger.warn(
      { url },
      'Mail is on but PUBLIC_URL is not set: links in mail point at this address',
    );
  }

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      clearInterval(sweeper);
      await notifications.stop();
      // A daily backup in progress finishes before the database closes.
      await backups?.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // Requests still running after 10 s are cut so shutdown always ends.
        setTimeout(() => server.closeAllConnections(), 10_000).unref();
      });
      // After the requests (they may queue mail); a send in progress finishes or times out.
      await mailSender?.stop();
      await pullWorkers?.close();
      await bus?.close();
      await limitsPool?.end();
      closeCommittedCounts(deps.db);
      await durability?.flush().catch((err: unknown) => logger.error({ err }, 'last flush failed'));
      durability?.close();
      await checkpoints?.close();
      await deps.db.destroy();
      logger.info('Turnout stopped');
    })();
    return closing;
  };

  return { url, localUrl, server, deps, sqlite, setupLink, notifications, close };
}
