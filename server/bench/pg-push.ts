import fs from 'node:fs';
import { createTRPCClient, httpLink } from '@trpc/client';
import { pino } from 'pino';
import { openStore, type OpenedStore } from '../src/app.js';
import { SESSION_COOKIE } from '../src/auth/cookies.js';
import { findUserByEmail } from '../src/repositories/users.repository.js';
import { startLogin } from '../src/services/accounts.service.js';
import { buildClub } from '../src/test/builders.js';
import { Device } from '../src/test/devices.js';
import { PASSWORD, testConfig, type TestClient } from '../src/test/harness.js';
import type { AppRouter } from '../src/trpc/app.router.js';
import type { PgBed } from './pg-servers.js';

export const BATCH = 500;
const REQUEST_TIMEOUT_MS = 120_000;

/**
 * Push shapes of the PostgreSQL bench. A shape is `clubs` clubs of
 * `members` members and `devices` host devices per club (the owner's
 * account, logged in once per device), each pushing `perDevice` check-ins of
 * its own in batches of 500; device k of the shape talks to server
 * k mod (number of servers). All devices start at once; the figure is every
 * check-in over the wall time from the first send to the last answer.
 */
export interface PushShape {
  clubs: number;
  devices: number;
  members: number;
  perDevice: number;
}

/** One app server process on a fresh database, one shape on it; check-ins/s. */
export async function measureOneServer(bed: PgBed, shape: PushShape): Promise<number> {
  const database = await bed.database();
  const { store, dataDir } = await storeOn(database.url);
  try {
    const devices = await buildShape(store, shape);
    const servers = await bed.servers(database.url, 1);
    try {
      return await pushAtOnce(
        servers.map((s) => s.url),
        devices,
      );
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
    }
  } finally {
    await store.db.destroy();
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * `count` server processes on one fresh database, started once; each round
 * builds new clubs for every shape (while the servers wait) and pushes them
 * in turn. Check-ins/s per shape, one figure per round.
 */
export async function measureServers(
  bed: PgBed,
  count: number,
  shapes: PushShape[],
  /** Whether to run round `round` (from 0). */
  another: (round: number) => boolean,
  report: (shape: number, round: number, perSecond: number) => void,
): Promise<number[][]> {
  const database = await bed.database();
  const { store, dataDir } = await storeOn(database.url);
  try {
    const servers = await bed.servers(database.url, count);
    try {
      const figures = shapes.map((): number[] => []);
      for (let round = 0; another(round); round++) {
        for (const [i, shape] of shapes.entries()) {
          const devices = await buildShape(store, shape);
          const perSecond = await pushAtOnce(
            servers.map((s) => s.url),
            devices,
          );
          figures[i]!.push(perSecond);
          report(i, round, perSecond);
        }
      }
      return figures;
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
    }
  } finally {
    await store.db.destroy();
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function storeOn(url: string): Promise<{ store: OpenedStore; dataDir: string }> {
  const config = testConfig({ databaseUrl: url });
  return { store: await openStore(config, pino({ level: 'silent' })), dataDir: config.dataDir };
}

interface BenchDevice {
  clubId: string;
  cookie: string;
  pairs: { sessionId: string; memberId: string }[];
}

/**
 * The shape's clubs, built straight into the database, and its devices, each
 * logged in directly with the login service (logging in over HTTP, round
 * after round, would meet the per-address login limit).
 */
async function buildShape(store: OpenedStore, shape: PushShape): Promise<BenchDevice[]> {
  const { clubs, devices: perClub, members, perDevice } = shape;
  const sessions = Math.ceil((perClub * perDevice) / members);
  const devices: BenchDevice[] = [];
  for (let c = 0; c < clubs; c++) {
    const club = await buildClub(store, {
      members,
      sessions,
      passSessions: 100,
      password: PASSWORD,
    });
    const owner = await findUserByEmail(store.db, club.ownerEmail);
    if (!owner) throw new Error(`no account for ${club.ownerEmail}`);
    const pairs = club.sessionIds.flatMap((sessionId) =>
      club.memberIds.map((memberId) => ({ sessionId, memberId })),
    );
    for (let d = 0; d < perClub; d++) {
      const { token } = await startLogin(store, owner.id, 'PG bench');
      devices.push({
        clubId: club.clubId,
        cookie: `${SESSION_COOKIE}=${token}`,
        pairs: pairs.slice(d * perDevice, (d + 1) * perDevice),
      });
    }
  }
  return devices;
}

async function pushAtOnce(urls: string[], devices: BenchDevice[]): Promise<number> {
  const clients = devices.map(({ clubId, cookie }, k) => {
    const client = clientWithCookie(urls[k % urls.length]!, cookie);
    return new Device(client, clubId, `Bench desk ${k + 1}`);
  });
  const started = performance.now();
  await Promise.all(
    devices.map(async ({ pairs }, k) => {
      const device = clients[k]!;
      for (let sent = 0; sent < pairs.length; sent += BATCH) {
        device.outbox.length = 0;
        for (const pair of pairs.slice(sent, sent + BATCH)) device.queue('checkin.create', pair);
        const results = await device.sync();
        const refused = results.find((r) => r.status !== 'applied');
        if (refused) throw new Error(`bench check-in refused: ${refused.code} ${refused.message}`);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return devices.reduce((sum, d) => sum + d.pairs.length, 0) / seconds;
}

/** A "browser" on the server at `url` holding the login cookie `cookie`. */
function clientWithCookie(url: string, cookie: string): TestClient {
  const jarFetch: typeof fetch = (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set('cookie', cookie);
    // Bounded: a server that stops answering fails the bench instead of hanging it.
    return fetch(input, { ...init, headers, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  };
  const api = createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${url}/trpc`, fetch: jarFetch })],
  });
  return { api, cookies: new Map(), setCookieHeaders: [], fetch: jarFetch };
}
