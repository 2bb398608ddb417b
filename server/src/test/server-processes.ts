import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import type { ErrorData, PushResult } from '@turnout/shared';
import pg from 'pg';
import { pino } from 'pino';
import { openStore, type OpenedStore } from '../app.js';
import type { AppRouter } from '../trpc/app.router.js';
import { buildClub, type BuiltClub } from './builders.js';
import { Device } from './devices.js';
import { PASSWORD, testConfig, type TestClient } from './harness.js';
import { freshPostgresDatabase } from './stores.js';

const serverRoot = path.resolve(import.meta.dirname, '../..');

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
}

/**
 * Starts the real server (`node --import tsx src/cli.ts serve`) on a loopback
 * port of its own, with `env` on top of this process's environment (DATA_DIR,
 * DATABASE_URL…); resolves with its URL once it says "running at" (killed if
 * it has not within a minute).
 */
export async function startProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve'], {
    cwd: serverRoot,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    // A server that never says it runs is killed (the 'exit' below then rejects).
    const stuck = setTimeout(() => child.kill('SIGKILL'), 60_000);
    const timer = setInterval(() => {
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearInterval(timer);
        clearTimeout(stuck);
        resolve(match[1]!);
      }
    }, 20);
    child.once('exit', () => {
      clearInterval(timer);
      clearTimeout(stuck);
      reject(new Error(`server exited early:\n${output}`));
    });
  });
  return { child, url, output: () => output };
}

/** Sends `signal` and waits for the process to exit (at once if it has already). */
export function kill(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

/** A "browser" with a cookie jar on the server at `url`, logged in as `email`. */
export async function loggedInClient(url: string, email: string): Promise<TestClient> {
  const cookies = new Map<string, string>();
  const jarFetch: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    if (cookies.size > 0)
      headers.set('cookie', [...cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(input, { ...init, headers });
    for (const h of res.headers.getSetCookie()) {
      const [name, ...value] = (h.split(';')[0] ?? '').split('=');
      if (name) cookies.set(name, value.join('='));
    }
    return res;
  };
  const api = createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${url}/trpc`, fetch: jarFetch })],
  });
  await unlessBusy(() => api.auth.login.mutate({ email, password: PASSWORD }));
  return { api, cookies, setCookieHeaders: [], fetch: jarFetch };
}

/**
 * Runs `call` again while the server answers 503 `busy` (it sheds load when
 * calls wait too long: http/overload.ts), after the Retry-After it names, as
 * a device does; for up to a minute. Anything else is thrown.
 */
export async function unlessBusy<T>(call: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      const data = error instanceof TRPCClientError ? (error.data as ErrorData) : undefined;
      if (data?.code !== 'busy' || Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, (data.retryAfterSeconds ?? 1) * 1000));
    }
  }
}

export interface ServerCluster {
  url: string;
  club: BuiltClub;
  /** The test's own connection to the database, for building more clubs while the servers run. */
  store: OpenedStore;
  servers: ServerProcess[];
  /** Raw SQL on the database, from outside the servers. */
  sql<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>;
  /** Logged-in browsers, one per (email, server), made on first use. */
  login(email: string, server: number): Promise<TestClient>;
  /**
   * Pushes `device`'s whole outbox through server `server`, as that device
   * (its client id), logged in as `email`; again while the server is busy.
   */
  push(email: string, server: number, device: Device): Promise<PushResult[]>;
}

/**
 * A fresh PostgreSQL database (vitest's throwaway cluster) with a club built
 * into it, then `count` server processes on it (DATABASE_URL), each with a
 * data dir of its own. What it starts is undone by `cleanups`, run last
 * first after the test: servers SIGKILLed, dirs removed, database dropped.
 */
export async function startServers(
  count: number,
  options: Parameters<typeof buildClub>[1],
  cleanups: (() => Promise<void>)[],
): Promise<ServerCluster> {
  const database = await freshPostgresDatabase();
  cleanups.push(() => database.drop());
  const config = testConfig({ databaseUrl: database.url });
  const store = await openStore(config, pino({ level: 'silent' }));
  cleanups.push(() => store.db.destroy());
  const club = await buildClub(store, options);
  const reader = new pg.Client({ connectionString: database.url });
  await reader.connect();
  cleanups.push(() => reader.end());
  const dirs = Array.from({ length: count }, () =>
    fs.mkdtempSync(path.join(os.tmpdir(), 'turnout-server-')),
  );
  dirs.push(config.dataDir);
  cleanups.push(async () => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  const started = await Promise.allSettled(
    dirs
      .slice(0, count)
      .map((dir) => startProcess({ DATABASE_URL: database.url, DATA_DIR: dir, PULL_WORKERS: '0' })),
  );
  const servers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  cleanups.push(async () => void (await Promise.all(servers.map((s) => kill(s.child, 'SIGKILL')))));
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) throw failed.reason;
  const logins = new Map<string, Promise<TestClient>>();
  const login = (email: string, server: number) => {
    const key = `${email} ${server}`;
    if (!logins.has(key)) logins.set(key, loggedInClient(servers[server]!.url, email));
    return logins.get(key)!;
  };
  return {
    url: database.url,
    club,
    store,
    servers,
    sql: async <Row>(text: string, params: unknown[] = []) =>
      (await reader.query(text, params)).rows as Row[],
    login,
    async push(email, server, device) {
      const via = new Device(
        await login(email, server),
        device.clubId,
        device.label,
        device.clientId,
      );
      via.outbox.push(...device.outbox);
      return unlessBusy(() => via.sync());
    },
  };
}
