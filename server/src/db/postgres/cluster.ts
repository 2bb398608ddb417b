import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A throwaway PostgreSQL cluster for tests and benches: initdb into a
 * temporary directory, a server on a free loopback port with trust
 * authentication, dropped at the end. No running service is needed, only the
 * server binaries (Debian's `postgresql` package puts them in
 * /usr/lib/postgresql/<major>/bin; `PG_BIN` names another directory).
 *
 * PostgreSQL refuses to run as root, and CI runs as root: there the cluster's
 * directory belongs to the `postgres` user and every command runs as that
 * user (`runuser`).
 */
export interface ThrowawayCluster {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` */
  url: string;
  port: number;
  /** A URL for another database of this cluster. */
  urlFor(database: string): string;
  stop(): void;
}

const MAJORS = ['17', '16', '15'];

/** The directory of the PostgreSQL server binaries, or undefined when none is installed. */
export function postgresBinaries(): string | undefined {
  const candidates = [
    process.env.PG_BIN,
    ...MAJORS.map((major) => `/usr/lib/postgresql/${major}/bin`),
  ].filter((dir): dir is string => !!dir);
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'postgres')));
}

export async function startThrowawayCluster(
  options: { settings?: Record<string, string> } = {},
): Promise<ThrowawayCluster> {
  const bin = postgresBinaries();
  if (!bin) {
    throw new Error(
      'PostgreSQL server binaries not found (looked in PG_BIN and /usr/lib/postgresql/{17,16,15}/bin). ' +
        'Install them (Debian: apt-get install postgresql), or run only the SQLite suites with TEST_DATABASE=sqlite.',
    );
  }
  const asRoot = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'turnout-pg-'));
  if (asRoot) execFileSync('chown', ['postgres', dir]);
  const data = path.join(dir, 'data');
  const run = (program: string, args: string[]) => {
    const command = asRoot
      ? ['runuser', ['-u', 'postgres', '--', path.join(bin, program), ...args]]
      : [path.join(bin, program), args];
    const result = spawnSync(command[0] as string, command[1] as string[], { encoding: 'utf8' });
    if (result.status !== 0) {
      throw new Error(`${program} failed: ${result.stderr || result.stdout || result.error}`);
    }
  };
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  // Throwaway data: no fsync, no full-page writes. Durability is SQLite's and
  // the production cluster's concern, not the test cluster's.
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    fsync: 'off',
    synchronous_commit: 'off',
    full_page_writes: 'off',
    max_connections: '200',
    ...options.settings,
  };
  const serverOptions = [
    `-p ${port}`,
    `-k ${dir}`,
    ...Object.entries(settings).map(([key, value]) => `-c ${key}=${value}`),
  ].join(' ');
  run('pg_ctl', ['-D', data, '-o', serverOptions, '-l', path.join(dir, 'log'), '-w', 'start']);
  const urlFor = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  let stopped = false;
  return {
    url: urlFor('postgres'),
    port,
    urlFor,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}
