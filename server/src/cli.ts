import path from 'node:path';
import { databaseFile, openStore, startServer } from './app.js';
import { backupDatabase, RestoreError, restoreDatabase } from './backup.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { migrations } from './db/migrations/index.js';
import { DEMO_PASSWORD, demoLogins, seedDemo } from './demo/seed.js';
import { createLogger } from './logger.js';
import { countClubs } from './repositories/clubs.repository.js';
import { setupLinkCommand } from './setup-link.js';
import { copyClubCommand } from './db/copy/command.js';
import { CopyError } from './db/copy/copy-club.js';

const usage = `Usage: turnout <command>

  serve        start the server (default)
  demo         start the server on a separate demo data dir, seeded with a demo club
  backup       write a consistent copy of the database to DATA_DIR/backups
  restore FILE replace the database with a backup (stop the server first;
               the database it replaces is kept in DATA_DIR/backups)
  setup-link   print a one-time link that creates another club and its owner
  copy-club --to URL|FILE [--from URL|FILE] [--club ID]
               copy clubs with their whole history to another store: a
               postgres:// URL or a SQLite file (default source: DATA_DIR's
               database; default: every club of the source)

Configuration comes from environment variables: see docs/self-hosting.md.`;

async function serve(config: Config, banner?: () => Promise<void>) {
  const running = await startServer(config);
  if (running.setupLink) {
    console.log(
      `\n  No club yet. Open this link to create the first club:\n\n    ${running.setupLink}\n`,
    );
  }
  await banner?.();
  console.log(`\n  Turnout is running at ${running.url}\n`);
  const stop = (signal: string) => {
    running.deps.logger.info({ signal }, 'shutting down');
    running.close().then(
      () => process.exit(0),
      (err: unknown) => {
        running.deps.logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

async function main(argv: string[]) {
  const command = argv[0] ?? 'serve';
  if (command === 'help' || command === '--help' || command === '-h') {
    console.log(usage);
    return;
  }
  const env = { ...process.env };
  if (command === 'demo') env.DATA_DIR ??= './data-demo';
  const config = loadConfig(env);
  const logger = createLogger(config.logLevel);

  switch (command) {
    case 'serve':
      return serve(config);
    case 'demo': {
      const store = await openStore(config, logger);
      let seeded: Awaited<ReturnType<typeof seedDemo>> | undefined;
      if ((await countClubs(store.db)) === 0) seeded = await seedDemo(store);
      await store.db.destroy();
      return serve(config, async () => {
        console.log(`\n  Demo data lives in ${config.dataDir} (delete it to start over).`);
        if (seeded) {
          console.log(
            `  Seeded "${seeded.clubName}": ${seeded.sessions} sessions over four weeks, ` +
              `${seeded.passes} passes, ${seeded.checkIns} check-ins so far this week.`,
          );
        }
        console.log(`  Log in with any of these (password: ${DEMO_PASSWORD}):`);
        for (const login of demoLogins()) {
          console.log(`    ${login.role.padEnd(7)} ${login.email}`);
        }
      });
    }
    case 'backup': {
      if (config.databaseUrl) {
        console.error(
          'On PostgreSQL, back up with pg_dump (docs/self-hosting.md, "Hosting many clubs").',
        );
        process.exitCode = 2;
        return;
      }
      const store = await openStore(config, logger);
      const file = await backupDatabase(store.sqlite!, config.dataDir, new Date());
      await store.db.destroy();
      console.log(`Backup written to ${file}`);
      return;
    }
    case 'restore': {
      const file = argv[1];
      if (!file) {
        console.error(`Name the backup to restore.\n\n${usage}`);
        process.exitCode = 2;
        return;
      }
      const restored = await restoreDatabase({
        file: path.resolve(env.INIT_CWD ?? process.cwd(), file),
        databaseFile: databaseFile(config),
        dataDir: config.dataDir,
        knownMigrations: Object.keys(migrations),
        now: new Date(),
      });
      console.log(
        `Restored ${file} (${restored.clubs} club${restored.clubs === 1 ? '' : 's'}) into ${databaseFile(config)}.`,
      );
      if (restored.previous)
        console.log(`The database it replaced is saved as ${restored.previous}.`);
      console.log('Start the server again; it brings an older backup up to date by itself.');
      return;
    }
    case 'setup-link': {
      const { link, notice } = await setupLinkCommand(config, logger);
      if (notice) console.error(notice);
      console.log(link);
      return;
    }
    case 'copy-club': {
      for (const line of await copyClubCommand(argv.slice(1), databaseFile(config)))
        console.log(line);
      return;
    }
    default:
      console.error(`Unknown command "${command}".\n\n${usage}`);
      process.exitCode = 2;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof RestoreError || error instanceof CopyError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
