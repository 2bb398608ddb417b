import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import type { ErrorCode, ErrorData } from '@turnout/shared';
import { pino } from 'pino';
import { startServer, type RunningServer } from '../app.js';
import type { RateLimitOptions } from '../auth/rate-limit.js';
import type { Timers } from '../backup.js';
import { loadConfig, type Config } from '../config.js';
import { issueSetupToken } from '../services/setup.service.js';
import type { AppRouter } from '../trpc/app.router.js';
import { statementsOf } from '../db/connection.js';
import type { Statements } from '../db/statements.js';

export const SETUP_TOKEN = 'test-setup-token-0123';
export const PASSWORD = 'a long enough password';

/** A fresh data dir (a real SQLite file) and a config for a test server. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'turnout-test-'));
  return {
    ...loadConfig({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' }),
    setupToken: SETUP_TOKEN,
    // Cheap hashes keep tests fast; production uses 2^15.
    passwordCost: 2 ** 10,
    // Pulls on the main thread unless a test is about the workers: a worker
    // per test server would cost every test file a bundle and a thread.
    pullWorkers: 0,
    ...overrides,
  };
}

/**
 * The store test servers run on: the project's `TEST_STORE` (vitest.config.ts
 * runs the suites that hold on both stores once more with `postgres`).
 */
export function testServerStore(): 'sqlite' | 'postgres' {
  return process.env.TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';
}

export interface TestServer extends RunningServer {
  /** The SQLite connection, for tests that read the file directly (throws on PostgreSQL). */
  sqlite: NonNullable<RunningServer['sqlite']>;
  /** Synchronous SQL with `?` placeholders on the server's own connection, on either store. */
  sql: Statements;
  /** A new "browser": its own cookie jar, optionally sending an Origin header. */
  client(options?: { origin?: string }): TestClient;
  /** Moves the server's clock. */
  setNow(date: Date): void;
}

export interface TestClient {
  api: ReturnType<typeof createTRPCClient<AppRouter>>;
  cookies: Map<string, string>;
  /** Raw Set-Cookie headers received, for checking flags. */
  setCookieHeaders: string[];
  fetch: typeof fetch;
}

export async function startTestServer(
  options: { config?: Partial<Config>; rateLimits?: RateLimitOptions; timers?: Timers } = {},
): Promise<TestServer> {
  let now: Date | undefined;
  // On PostgreSQL each test server gets a database of its own, dropped when it closes.
  const database =
    testServerStore() === 'postgres' && !options.config?.databaseUrl
      ? // Loaded only here: it reads the cluster vitest's global setup started.
        await (await import('./stores.js')).freshPostgresDatabase()
      : undefined;
  const config = testConfig({
    ...options.config,
    ...(database ? { databaseUrl: database.url } : {}),
  });
  const running = await startServer(config, {
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    clock: () => now ?? new Date(),
    // Generous unless a test is about the limits: tests push and pull fast.
    rateLimits: options.rateLimits ?? {
      loginPerAccount: 1000,
      loginPerAddress: 1000,
      secretsPerAddress: 1000,
      pushesPerDevice: 100_000,
      pushesPerAccount: 100_000,
      mutationsPerAccount: 10_000_000,
      pushedCharsPerAccount: 1_000_000_000,
      pullsPerAccount: 100_000,
      pushSubscriptionsPerAccount: 100_000,
    },
    ...(options.timers ? { timers: options.timers } : {}),
  });
  return {
    ...running,
    get sqlite() {
      if (!running.sqlite) throw new Error('this test reads the SQLite file directly');
      return running.sqlite;
    },
    sql: statementsOf(running.deps.db),
    async close() {
      await running.close();
      await database?.drop();
    },
    setNow(date: Date) {
      now = date;
    },
    client(clientOptions = {}) {
      return createClient(running.localUrl, clientOptions.origin);
    },
  };
}

function createClient(baseUrl: string, origin: string | undefined): TestClient {
  const cookies = new Map<string, string>();
  const setCookieHeaders: string[] = [];
  const jarFetch: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    if (cookies.size > 0) {
      headers.set('cookie', [...cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    }
    if (origin) headers.set('origin', origin);
    const res = await fetch(input, { ...init, headers });
    for (const header of res.headers.getSetCookie()) {
      setCookieHeaders.push(header);
      const [pair] = header.split(';');
      const [name, ...value] = (pair ?? '').split('=');
      if (!name) continue;
      const expired = /expires=Thu, 01 Jan 1970/i.test(header);
      if (expired || value.join('=') === '') cookies.delete(name.trim());
      else cookies.set(name.trim(), value.join('='));
    }
    return res;
  };
  const api = createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${baseUrl}/trpc`, fetch: jarFetch })],
  });
  return { api, cookies, setCookieHeaders, fetch: jarFetch };
}

/** The stable error code of a failed call, or undefined if it succeeded. */
export async function errorCodeOf(call: Promise<unknown>): Promise<ErrorCode | undefined> {
  try {
    await call;
    return undefined;
  } catch (error) {
    if (error instanceof TRPCClientError) return (error.data as ErrorData | undefined)?.code;
    throw error;
  }
}

/** The error of a call that must fail. */
export async function failure(call: Promise<unknown>): Promise<TRPCClientError<AppRouter>> {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCClientError) return error as TRPCClientError<AppRouter>;
    throw error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

export interface ClubFixture {
  clubId: string;
  owner: TestClient;
  ownerMemberId: string;
}

/** Runs setup: one club with its owner, logged in. */
export function setUpClub(server: TestServer, name = 'Test Club'): Promise<ClubFixture> {
  return createClub(server, SETUP_TOKEN, name, { name: 'Olga Owner', email: 'owner@example.org' });
}

/**
 * One more club on the same server, with an owner of its own: the server's
 * setup token is spent by `setUpClub`, so this issues a fresh one, as
 * `turnout setup-link` does.
 */
export async function setUpAnotherClub(
  server: TestServer,
  name: string,
  owner: { name: string; email: string },
): Promise<ClubFixture> {
  const token = `another-club-${randomUUID()}`;
  await issueSetupToken(server.deps, server.url, token);
  return createClub(server, token, name, owner);
}

async function createClub(
  server: TestServer,
  token: string,
  name: string,
  owner: { name: string; email: string },
): Promise<ClubFixture> {
  const client = server.client();
  const me = await client.api.setup.createClub.mutate({
    token,
    club: { name, timezone: 'Europe/Ljubljana' },
    owner: { ...owner, password: PASSWORD },
  });
  const club = me.clubs[0]!;
  return { clubId: club.clubId, owner: client, ownerMemberId: club.memberId };
}

/** Invites someone with a role and has them join with a new account; returns their logged-in client. */
export async function addMember(
  server: TestServer,
  fixture: ClubFixture,
  role: 'member' | 'host' | 'owner',
  email: string,
): Promise<{ client: TestClient; memberId: string; email: string }> {
  const invite = await fixture.owner.api.invites.create.mutate({ clubId: fixture.clubId, role });
  const client = server.client();
  const me = await client.api.invites.accept.mutate({
    token: invite.code,
    account: { name: email.split('@')[0]!, email, password: PASSWORD },
  });
  const membership = me.clubs.find((c) => c.clubId === fixture.clubId)!;
  return { client, memberId: membership.memberId, email };
}
