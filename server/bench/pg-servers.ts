import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { migratePostgres, openPostgres } from '../src/db/postgres/connection.js';
import { startThrowawayCluster, type ThrowawayCluster } from '../src/db/postgres/cluster.js';

/**
 * What the PostgreSQL bench runs on: one throwaway cluster with a migrated
 * template database (each measurement gets a fresh copy of it), and app
 * server processes (`src/cli.ts serve`, as in production) on those copies.
 * `stop()` ends every process still running and the cluster.
 */
export class PgBed {
  readonly #servers = new Set<ServerProcess>();
  #databases = 0;

  private constructor(readonly cluster: ThrowawayCluster) {}

  static async start(): Promise<PgBed> {
    const cluster = await startThrowawayCluster();
    try {
      await admin(cluster.url, `CREATE DATABASE bench_template`);
      const { db } = openPostgres(cluster.urlFor('bench_template'), { max: 1 });
      try {
        await migratePostgres(db);
      } finally {
        await db.destroy();
      }
      return new PgBed(cluster);
    } catch (err) {
      cluster.stop();
      throw err;
    }
  }

  /** A fresh, migrated database (a copy of the template); dropped by `drop()`. */
  async database(): Promise<{ url: string; drop(): Promise<void> }> {
    const name = `bench_${(this.#databases += 1)}`;
    await admin(this.cluster.url, `CREATE DATABASE ${name} TEMPLATE bench_template`);
    return {
      url: this.cluster.urlFor(name),
      drop: () => admin(this.cluster.url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
    };
  }

  /** `count` server processes on the database at `url`, started side by side. */
  async servers(url: string, count: number): Promise<ServerProcess[]> {
    const started = await Promise.allSettled(
      Array.from({ length: count }, () => ServerProcess.start(url, this.#servers)),
    );
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    return started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  }

  async stop(): Promise<void> {
    try {
      await Promise.all([...this.#servers].map((s) => s.stop()));
    } finally {
      this.cluster.stop();
    }
  }
}

async function admin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

const serverRoot = path.resolve(import.meta.dirname, '..');

/** One `node --import tsx src/cli.ts serve` on loopback with a data dir of its own. */
export class ServerProcess {
  private constructor(
    readonly child: ChildProcess,
    readonly url: string,
    private readonly dataDir: string,
    private readonly registry: Set<ServerProcess>,
  ) {}

  static async start(databaseUrl: string, registry: Set<ServerProcess>): Promise<ServerProcess> {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'turnout-pg-bench-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve'], {
      cwd: serverRoot,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'error',
        PULL_WORKERS: '0',
        BACKUP_HOUR: 'off',
        // Pushes of 500 from several devices at once on one server take
        // seconds each: with the default (1 s) the server would answer the
        // later ones 503 busy and the devices would wait to retry. The bench
        // measures what the servers carry, not that back-off.
        MAX_QUEUE_WAIT_MS: '60000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    const placeholder = new ServerProcess(child, '', dataDir, registry);
    registry.add(placeholder);
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const deadline = setTimeout(
          () => finish(new Error(`no start in 60 s:\n${output}`)),
          60_000,
        );
        const timer = setInterval(() => {
          const match = /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
          if (match) finish(undefined, match[1]);
        }, 20);
        const onExit = () => finish(new Error(`server exited early:\n${output}`));
        child.once('exit', onExit);
        function finish(err?: Error, url?: string) {
          clearTimeout(deadline);
          clearInterval(timer);
          child.off('exit', onExit);
          if (err) reject(err);
          else resolve(url!);
        }
      });
      registry.delete(placeholder);
      const server = new ServerProcess(child, url, dataDir, registry);
      registry.add(server);
      return server;
    } catch (err) {
      await placeholder.stop();
      throw err;
    }
  }

  /** Ends the process (SIGKILL: nothing of its state is kept) and removes its data dir. */
  async stop(): Promise<void> {
    const child = this.child;
    if (child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      });
    }
    fs.rmSync(this.dataDir, { recursive: true, force: true });
    this.registry.delete(this);
  }
}
