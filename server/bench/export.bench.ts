import { Worker } from 'node:worker_threads';
import { seedBigClub } from '../src/test/big-club.js';
import { exportUrl, type ExportPath } from '../src/test/downloads.js';
import { PASSWORD, startTestServer, type TestServer } from '../src/test/harness.js';
import { percentile, type Bench } from './bench.js';

const ATTENDANCE = 100_000;
const MUTATIONS = 100_000;
/** Sessions left empty for the check-ins pushed during the exports (500 members each). */
const SPARE_SESSIONS = 40;
const PHASES = 4;
const PUSH_BATCH = 10;
/** Pauses between probes: a phone polling and a desk checking people in, not a flood. */
const HEALTH_EVERY_MS = 20;
const PUSH_EVERY_MS = 50;

/**
 * The server while an owner downloads a big club's exports: a club with
 * 100,000 check-ins and 100,000 mutation-log entries, a real server on a
 * real SQLite file, the full JSON export and then the attendance CSV
 * downloaded over HTTP without compression (the most bytes through the
 * server's event loop), while `/healthz` is polled and a desk pushes
 * check-ins in batches of 10. A quiet phase of the same probes without an
 * export comes first, and a gzipped JSON export (what a browser asks for)
 * last, for comparison.
 *
 * Only the server runs on this process's main thread. The probes and the
 * downloads are clients on threads of their own (plain HTTP, like a phone
 * and a browser elsewhere): a probe waiting on a blocked server counts the
 * whole wait, and the clients' work never lands on the server's event loop.
 * The server's loop lag is measured too: how late a 10 ms timer fires.
 */
export const exportBench: Bench = {
  name: 'export',
  async run() {
    // The probes push far faster than a desk would: the per-account limits stay out of the way.
    const server = await startTestServer({
      rateLimits: {
        loginPerAccount: 1000,
        loginPerAddress: 1000,
        secretsPerAddress: 1000,
        pushesPerDevice: 1_000_000,
        pushesPerAccount: 1_000_000,
        mutationsPerAccount: 10_000_000,
        pushedCharsPerAccount: 1_000_000_000,
      },
    });
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
      const pairs = club.spareSessionIds.flatMap((sessionId) =>
        club.memberIds.map((memberId) => ({ sessionId, memberId })),
      );
      const perPhase = Math.floor(pairs.length / PHASES);
      let phase = 0;
      const measure = (task: () => Promise<number>) => {
        const checkIns = pairs.slice(phase * perPhase, (phase + 1) * perPhase);
        phase += 1;
        return probeWhile(server, { cookie, clubId: club.clubId, checkIns }, task);
      };
      const download = (file: ExportPath, params: Record<string, string>, gzip = false) =>
        downloadOnThread(exportUrl(server.localUrl, file, params), cookie, gzip);

      const quiet = await measure(async () => {
        await new Promise((resolve) => setTimeout(resolve, 3000));
        return 0;
      });
      const json = await measure(() => download('club.json', { clubId: club.clubId }));
      const csv = await measure(() =>
        download('attendance.csv', { clubId: club.clubId, from: club.from, to: club.to }),
      );
      const gzipped = await measure(() => download('club.json', { clubId: club.clubId }, true));

      const health = [...json.health, ...csv.health];
      const pushes = [...json.pushes, ...csv.pushes];
      const lag = [...json.lag, ...csv.lag];
      const round = (n: number) => Math.round(n * 10) / 10;
      const round3 = (n: number) => Math.round(n * 1000) / 1000;
      return {
        'export.healthzP50Ms': round(percentile(health, 50)),
        'export.healthzP99Ms': round(percentile(health, 99)),
        'export.pushP50Ms': round(percentile(pushes, 50)),
        'export.pushP99Ms': round(percentile(pushes, 99)),
        'export.loopLagP99Ms': round(percentile(lag, 99)),
        'export.loopLagMaxMs': round(Math.max(...lag)),
        'export.loopBusy': round3((json.busy * json.ms + csv.busy * csv.ms) / (json.ms + csv.ms)),
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
        'export.quiet.loopLagMaxMs': round(Math.max(...quiet.lag)),
        'export.quiet.loopBusy': round3(quiet.busy),
        'export.data.attendance': ATTENDANCE,
        'export.data.mutations': MUTATIONS,
        'export.data.seedMs': Math.round(seedMs),
      };
    } finally {
      await server.close();
    }
  },
};

/**
 * The probes, as plain JavaScript on their own thread: `/healthz` every
 * 20 ms and a push of 10 check-ins every 50 ms (tRPC's plain JSON POST with
 * the owner's cookie), each timed from request to full answer, until told
 * to stop.
 */
const probesScript = `
const http = require('node:http');
const { randomUUID } = require('node:crypto');
const { parentPort, workerData: w } = require('node:worker_threads');
let running = true;
parentPort.on('message', () => { running = false; });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
function request(method, path, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(w.base + path, { method, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
async function poll() {
  const times = [];
  while (running) {
    const started = performance.now();
    const res = await request('GET', '/healthz', {});
    if (res.status !== 200) throw new Error('/healthz answered ' + res.status);
    times.push(performance.now() - started);
    await sleep(w.healthEvery);
  }
  return times;
}
async function push() {
  const times = [];
  const clientId = randomUUID();
  let next = 0;
  let seq = 0;
  while (running && next < w.checkIns.length) {
    const batch = w.checkIns.slice(next, next + w.batch);
    next += batch.length;
    const mutations = batch.map((args) => ({
      id: randomUUID(), clientId, seq: seq++, name: 'checkin.create', args,
      occurredAt: new Date().toISOString(),
    }));
    const body = JSON.stringify({ clubId: w.clubId, clientId, deviceLabel: 'Bench desk', mutations });
    const started = performance.now();
    const res = await request('POST', '/trpc/sync.push',
      { cookie: w.cookie, 'content-type': 'application/json' }, body);
    const ms = performance.now() - started;
    const results = res.status === 200 ? JSON.parse(res.body).result.data.results : [];
    if (results.length !== batch.length || results.some((r) => r.status !== 'applied')) {
      throw new Error('bench push refused: ' + res.status + ' ' + res.body.slice(0, 300));
    }
    times.push(ms);
    await sleep(w.pushEvery);
  }
  return times;
}
Promise.all([poll(), push()]).then(
  ([health, pushes]) => parentPort.postMessage({ health, pushes }),
  (error) => parentPort.postMessage({ error: String(error) }),
);
`;

/** Runs `task` while the probes run; their latencies, the server's loop lag and the task's time. */
async function probeWhile(
  server: TestServer,
  probe: { cookie: string; clubId: string; checkIns: { sessionId: string; memberId: string }[] },
  task: () => Promise<number>,
) {
  const probes = new Worker(probesScript, {
    eval: true,
    workerData: {
      ...probe,
      base: server.localUrl,
      batch: PUSH_BATCH,
      healthEvery: HEALTH_EVERY_MS,
      pushEvery: PUSH_EVERY_MS,
    },
  });
  const answered = new Promise<{ health: number[]; pushes: number[] }>((resolve, reject) => {
    probes.once('message', (answer: { health: number[]; pushes: number[]; error?: string }) => {
      if (answer.error) reject(new Error(answer.error));
      else resolve(answer);
    });
    probes.once('error', reject);
  });
  // How late a 10 ms timer fires on the server's thread: a block shows here whole.
  const lag: number[] = [];
  let last = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    lag.push(Math.max(0, now - last - 10));
    last = now;
  }, 10);
  const started = performance.now();
  const busyBefore = performance.eventLoopUtilization();
  try {
    const bytes = await task();
    const ms = performance.now() - started;
    // Share of the time the server's event loop was busy (0–1), whoever made it so.
    const busy = performance.eventLoopUtilization(busyBefore).utilization;
    probes.postMessage('stop');
    const { health, pushes } = await answered;
    return { ms, bytes, health, pushes, lag, busy };
  } finally {
    clearInterval(ticker);
    await probes.terminate();
  }
}

/**
 * The downloading browser, on a thread of its own: it receives and counts
 * the bytes (without keeping them) on its own event loop.
 */
const downloaderScript = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
let bytes = 0;
http.get(workerData.url, { headers: workerData.headers }, (res) => {
  res.on('data', (chunk) => { bytes += chunk.length; });
  res.on('end', () => parentPort.postMessage({ status: res.statusCode, bytes }));
}).on('error', (error) => parentPort.postMessage({ error: String(error) }));
`;

/** Downloads an export on another thread; its size in bytes as sent. */
function downloadOnThread(url: string, cookie: string, gzip: boolean): Promise<number> {
  const worker = new Worker(downloaderScript, {
    eval: true,
    workerData: { url, headers: { cookie, 'accept-encoding': gzip ? 'gzip' : 'identity' } },
  });
  return new Promise((resolve, reject) => {
    worker.once('message', (answer: { status?: number; bytes?: number; error?: string }) => {
      void worker.terminate();
      if (answer.status === 200) resolve(answer.bytes!);
      else reject(new Error(`${url} failed: ${answer.error ?? answer.status}`));
    });
    worker.once('error', reject);
  });
}
