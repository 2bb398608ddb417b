import http from 'node:http';
import { Worker } from 'node:worker_threads';
import { seedBigClub, type BigClub } from '../src/test/big-club.js';
import { Device } from '../src/test/devices.js';
import { exportUrl, type ExportPath } from '../src/test/downloads.js';
import { PASSWORD, startTestServer, type TestServer } from '../src/test/harness.js';
import { percentile, type Bench } from './bench.js';

const ATTENDANCE = 100_000;
const MUTATIONS = 100_000;
/** Sessions left empty for the check-ins pushed during the exports. */
const SPARE_SESSIONS = 40;
const PUSH_BATCH = 10;
/** Pauses between probes: a phone polling and a desk checking people in, not a flood. */
const HEALTH_EVERY_MS = 20;
const PUSH_EVERY_MS = 50;
/** No phase runs longer than this, whatever happens. */
const PHASE_LIMIT_MS = 5 * 60_000;

/**
 * The server while an owner downloads a big club's exports: a club with
 * 100,000 check-ins and 100,000 mutation-log entries, a real server on a
 * real SQLite file, the full JSON export and then the attendance CSV
 * downloaded over HTTP without compression (the most bytes through the
 * server's event loop; bytes counted, not kept), while `/healthz` is polled
 * and a desk pushes check-ins in batches of 10. Latencies are from request
 * to full answer. A quiet phase of the same probes without an export comes
 * first, and a gzipped JSON export (what a browser asks for) last, for
 * comparison. The probes run in this process, next to the server (a few
 * bytes each); the downloads on threads of their own (see `downloader`).
 */
export const exportBench: Bench = {
  name: 'export',
  async run() {
    const server = await startTestServer();
    try {
      const seedStarted = performance.now();
      const club = await seedBigClub(server, {
        attendance: ATTENDANCE,
        mutations: MUTATIONS,
        spareSessions: SPARE_SESSIONS,
      });
      const seedMs = performance.now() - seedStarted;
      const owner = server.client();
      await owner.api.auth.login.mutate({ email: club.ownerEmail, password: PASSWORD });
      const cookie = [...owner.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      const desk = new Desk(new Device(owner, club.clubId, 'Bench desk'), club);
      const agent = new http.Agent({ keepAlive: true });

      const quiet = await probeWhile(server, agent, desk, () => sleep(3000));
      const json = await probeWhile(server, agent, desk, () =>
        download(server, cookie, 'club.json', { clubId: club.clubId }),
      );
      const csv = await probeWhile(server, agent, desk, () =>
        download(server, cookie, 'attendance.csv', {
          clubId: club.clubId,
          from: club.from,
          to: club.to,
        }),
      );
      // What a browser gets (it asks for gzip): fewer bytes, more work for the worker.
      const gzipped = await probeWhile(server, agent, desk, () =>
        download(server, cookie, 'club.json', { clubId: club.clubId }, 'gzip'),
      );
      agent.destroy();

      const health = [...json.health, ...csv.health];
      const pushes = [...json.pushes, ...csv.pushes];
      const round = (n: number) => Math.round(n * 10) / 10;
      return {
        'export.healthzP50Ms': round(percentile(health, 50)),
        'export.healthzP99Ms': round(percentile(health, 99)),
        'export.pushP50Ms': round(percentile(pushes, 50)),
        'export.pushP99Ms': round(percentile(pushes, 99)),
        'export.durationMs': Math.round(json.ms + csv.ms),
        'export.json.durationMs': Math.round(json.ms),
        'export.json.bytes': json.bytes,
        'export.csv.durationMs': Math.round(csv.ms),
        'export.csv.bytes': csv.bytes,
        'export.jsonGzip.durationMs': Math.round(gzipped.ms),
        'export.jsonGzip.bytes': gzipped.bytes,
        'export.jsonGzip.healthzP99Ms': round(percentile(gzipped.health, 99)),
        'export.jsonGzip.pushP99Ms': round(percentile(gzipped.pushes, 99)),
        'export.probes.healthz': health.length,
        'export.probes.pushes': pushes.length,
        'export.quiet.healthzP99Ms': round(percentile(quiet.health, 99)),
        'export.quiet.pushP99Ms': round(percentile(quiet.pushes, 99)),
        'export.data.attendance': ATTENDANCE,
        'export.data.mutations': MUTATIONS,
        'export.data.seedMs': Math.round(seedMs),
      };
    } finally {
      await server.close();
    }
  },
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A host's device checking people in to the spare sessions, one small batch at a time. */
class Desk {
  #next = 0;
  readonly #pairs: { sessionId: string; memberId: string }[];

  constructor(
    private readonly device: Device,
    club: BigClub,
  ) {
    this.#pairs = club.spareSessionIds.flatMap((sessionId) =>
      club.memberIds.map((memberId) => ({ sessionId, memberId })),
    );
  }

  /** Pushes one batch; the time it took, or undefined when every pair is checked in. */
  async push(): Promise<number | undefined> {
    const batch = this.#pairs.slice(this.#next, this.#next + PUSH_BATCH);
    if (batch.length === 0) return undefined;
    this.#next += batch.length;
    this.device.outbox.length = 0;
    for (const pair of batch) this.device.queue('checkin.create', pair);
    const started = performance.now();
    const results = await this.device.sync();
    const ms = performance.now() - started;
    const refused = results.find((r) => r.status !== 'applied');
    if (refused) throw new Error(`bench check-in refused: ${refused.code} ${refused.message}`);
    return ms;
  }
}

/** Runs `task` while polling /healthz and pushing check-ins; their latencies and the task's time. */
async function probeWhile<T extends { bytes: number } | void>(
  server: TestServer,
  agent: http.Agent,
  desk: Desk,
  task: () => Promise<T>,
) {
  let running = true;
  const health: number[] = [];
  const pushes: number[] = [];
  const deadline = performance.now() + PHASE_LIMIT_MS;
  const polling = (async () => {
    while (running && performance.now() < deadline) {
      const started = performance.now();
      const status = await get(agent, `${server.localUrl}/healthz`, {}, () => undefined);
      if (status !== 200) throw new Error(`/healthz answered ${status}`);
      health.push(performance.now() - started);
      await sleep(HEALTH_EVERY_MS);
    }
  })();
  const pushing = (async () => {
    while (running && performance.now() < deadline) {
      const ms = await desk.push();
      if (ms === undefined) throw new Error('the bench ran out of spare check-ins');
      pushes.push(ms);
      await sleep(PUSH_EVERY_MS);
    }
  })();
  const started = performance.now();
  try {
    const result = await task();
    const ms = performance.now() - started;
    return { ms, bytes: result ? result.bytes : 0, health, pushes };
  } finally {
    running = false;
    await Promise.all([polling, pushing]);
  }
}

/**
 * The downloading browser, on a thread of its own: it receives and counts
 * the bytes (without keeping them) on its own event loop, as a browser on
 * another machine would, so the server's event loop carries only the
 * server's side of the download.
 */
const downloader = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
let bytes = 0;
http.get(workerData.url, { headers: workerData.headers }, (res) => {
  res.on('data', (chunk) => { bytes += chunk.length; });
  res.on('end', () => parentPort.postMessage({ status: res.statusCode, bytes }));
}).on('error', (error) => parentPort.postMessage({ error: String(error) }));
`;

/** Downloads an export on another thread; its size in bytes as sent. */
function download(
  server: TestServer,
  cookie: string,
  file: ExportPath,
  params: Record<string, string>,
  encoding: 'identity' | 'gzip' = 'identity',
): Promise<{ bytes: number }> {
  const worker = new Worker(downloader, {
    eval: true,
    workerData: {
      url: exportUrl(server.localUrl, file, params),
      headers: { cookie, 'accept-encoding': encoding },
    },
  });
  return new Promise((resolve, reject) => {
    worker.once('message', (answer: { status?: number; bytes?: number; error?: string }) => {
      void worker.terminate();
      if (answer.status === 200) resolve({ bytes: answer.bytes! });
      else reject(new Error(`${file} failed: ${answer.error ?? answer.status}`));
    });
    worker.once('error', reject);
  });
}

function get(
  agent: http.Agent,
  url: string,
  headers: Record<string, string>,
  onData: (chunk: Buffer) => void,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers }, (res) => {
      res.on('data', onData);
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}
