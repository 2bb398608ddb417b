import fs from 'node:fs';
import os from 'node:os';
import type { Bench } from './bench.js';
import { buildLoadClub } from './load-club.js';
import { LoadDevice } from './load-device.js';
import { frontDeskQueue, MemberPhone, runHost } from './load-roles.js';
import { MemorySampler, scheduleOf, ServerProcess } from './load-server.js';
import { LagProbe, p, PhaseStats } from './load-stats.js';

const env = process.env;
/** Device counts to run, each on its own fresh club and server (e.g. LOAD_DEVICES=200,50). */
const DEVICES = (env.LOAD_DEVICES ?? '200,50').split(',').map(Number);
const SECONDS = Number(env.LOAD_SECONDS ?? 60);
const PUSH_ONLY_SECONDS = Number(env.LOAD_PUSH_ONLY_SECONDS ?? 20);
/** Mean time between two "going" taps of one member. */
const INTENT_EVERY_MS = Number(env.LOAD_INTENT_EVERY_MS ?? 10_000);
const FIRST_SYNC_LIMIT_MS = 180_000;
/** Devices making their first sync at the same time. */
const FIRST_SYNC_AT_ONCE = Number(env.LOAD_FIRST_SYNC_AT_ONCE ?? 10);
/** Bounds on operations, beside the time bounds. */
const MAX_PUSHES_PER_HOST = 20_000;
const MAX_SYNCS_PER_MEMBER = 5_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A busy Saturday (issue 12): a club of 2,000 members and 150 sessions on a
 * real server process and SQLite file, N devices over loopback HTTP, one in
 * five a host's. In order, on one server:
 * 1. pushes alone: the hosts push check-ins (five per push) as fast as they
 *    are answered, nothing else running — the reference throughput;
 * 2. first syncs: every device pulls the club from nothing, ten at a time;
 * 3. the Saturday: every device keeps `sync.changes` open; hosts push five
 *    check-ins and pull, again and again; members pull when poked (after a
 *    random part of the app's 300 ms debounce) and mark going now and then.
 * Reported: check-in throughput (3 against 1), push and pull latency of
 * answered requests, requests that failed or timed out (10 s), answers that
 * said "come back later" (429/503 with Retry-After, then retried), the
 * server's memory (largest of samples every 250 ms) and CPU, and the load
 * generator's own event-loop lag (high lag would mean the instrument, not
 * the server, set the latencies).
 */
export const loadBench: Bench = {
  name: 'load',
  async run() {
    const figures: Record<string, number> = {};
    for (const n of DEVICES) Object.assign(figures, await saturday(n));
    return figures;
  },
};

async function saturday(n: number): Promise<Record<string, number>> {
  const hostCount = Math.max(1, Math.round(n / 5));
  const memberCount = n - hostCount;
  console.log(`  N=${n}: ${hostCount} hosts, ${memberCount} members; building the club…`);
  const club = await buildLoadClub(hostCount, memberCount);
  const server = await ServerProcess.start(club.dataDir);
  if (new URL(server.url).hostname !== '127.0.0.1') throw new Error('loopback only');
  // What the server holds before any device calls (Node, tsx, the open database).
  await sleep(1000);
  const idleRssMb = server.memory().rssMb;
  const memory = new MemorySampler(server);
  memory.start();
  const lag = new LagProbe();
  lag.start();
  const meter = () => {
    const cpu = server.cpuSeconds();
    const own = process.cpuUsage();
    const lagFrom = lag.lags.length;
    const serverSchedule = server.schedule();
    const ownSchedule = scheduleOf('self');
    const started = performance.now();
    memory.phaseMaxRssMb = 0;
    return () => {
      const seconds = (performance.now() - started) / 1000;
      const ownUsed = process.cpuUsage(own);
      const waited = (now: number, before: number) => Math.round((now - before) / seconds / 10);
      return {
        serverCpuSeconds: server.cpuSeconds() - cpu,
        serverWaitedForCpuPercent: waited(server.schedule().waitMs, serverSchedule.waitMs),
        loadGenWaitedForCpuPercent: waited(scheduleOf('self').waitMs, ownSchedule.waitMs),
        serverCpuPercent: Math.round(((server.cpuSeconds() - cpu) / seconds) * 100),
        loadGenCpuPercent: Math.round(((ownUsed.user + ownUsed.system) / 1e6 / seconds) * 100),
        loadGenLagP99Ms: p(lag.lags.slice(lagFrom), 99),
        serverRssMb: Math.round(memory.phaseMaxRssMb),
      };
    };
  };

  const pushOnly = new PhaseStats();
  const hosts = club.hosts.map(
    (account, i) => new LoadDevice(server.url, club.clubId, account, `Desk ${i + 1}`, pushOnly),
  );
  const members = club.members.map(
    (account) => new LoadDevice(server.url, club.clubId, account, 'Phone', pushOnly),
  );
  const all = [...hosts, ...members];
  const queues = hosts.map((_, h) =>
    frontDeskQueue(
      club.sessionsNow.filter((_, s) => s % hostCount === h),
      club.memberIds,
    ),
  );
  try {
    // 1. Pushes alone.
    console.log(`  N=${n}: pushes alone for ${PUSH_ONLY_SECONDS} s…`);
    let measured = meter();
    let deadline = performance.now() + PUSH_ONLY_SECONDS * 1000;
    for (const d of hosts) d.deadline = deadline;
    await Promise.all(
      hosts.map((d, i) =>
        runHost(d, queues[i]!, { deadline, pull: false, maxPushes: MAX_PUSHES_PER_HOST }),
      ),
    );
    const pushOnlyMeter = measured();
    console.log(
      `  N=${n}: ${Math.round(pushOnly.checkinsApplied / PUSH_ONLY_SECONDS)} check-ins/s, ` +
        `${pushOnly.failed} failed`,
    );

    // 2. Every device's first sync, a few at a time (devices arriving through the morning), so
    // that the Saturday starts with every device up to date.
    console.log(`  N=${n}: first syncs of ${all.length} devices, ${FIRST_SYNC_AT_ONCE} at a time…`);
    const firstSync = new PhaseStats();
    const firstSyncMs: number[] = [];
    const firstStarted = performance.now();
    for (const d of all) {
      d.stats = firstSync;
      d.deadline = firstStarted + FIRST_SYNC_LIMIT_MS;
    }
    const arriving = [...all];
    const firstSyncOf = async (d: LoadDevice) => {
      const started = performance.now();
      // As the app does: an unanswered pull is tried again after a backoff, from its cursor.
      for (
        let backoff = 1000;
        performance.now() < d.deadline;
        backoff = Math.min(8000, backoff * 2)
      ) {
        if (await d.pullAll()) return firstSyncMs.push(performance.now() - started);
        await sleep(Math.min(backoff, d.deadline - performance.now()));
      }
    };
    await Promise.all(
      Array.from({ length: FIRST_SYNC_AT_ONCE }, async () => {
        for (let d = arriving.shift(); d; d = arriving.shift()) await firstSyncOf(d);
      }),
    );
    const firstSyncAllMs = performance.now() - firstStarted;
    console.log(
      `  N=${n}: ${firstSyncMs.length} first syncs done in ${Math.round(firstSyncAllMs)} ms, ` +
        `${firstSync.failed} failed`,
    );

    // 3. The Saturday: streams first (their greetings are not part of it), then everyone at once.
    const connecting = new PhaseStats();
    for (const d of all) d.stats = connecting;
    const phones = members.map(
      (d) =>
        new MemberPhone(d, {
          sessionsLater: club.sessionsLater,
          intentEveryMs: INTENT_EVERY_MS,
          maxSyncs: MAX_SYNCS_PER_MEMBER,
        }),
    );
    await Promise.all([
      ...hosts.map((d) => d.listen(() => {})),
      ...members.map((d, i) => d.listen((poke) => phones[i]!.poke(poke))),
    ]);
    await sleep(1000);
    console.log(`  N=${n}: the Saturday, ${SECONDS} s…`);
    const mixed = new PhaseStats();
    measured = meter();
    deadline = performance.now() + SECONDS * 1000;
    for (const d of all) {
      d.stats = mixed;
      d.deadline = deadline;
    }
    for (const phone of phones) phone.start();
    await Promise.all(
      hosts.map((d, i) =>
        runHost(d, queues[i]!, { deadline, pull: true, maxPushes: MAX_PUSHES_PER_HOST }),
      ),
    );
    await sleep(Math.max(0, deadline - performance.now()));
    await Promise.all(phones.map((phone) => phone.stop()));
    const mixedMeter = measured();
    for (const d of all) d.close();

    const phases = [pushOnly, firstSync, connecting, mixed];
    const sum = (f: (s: PhaseStats) => number) => phases.reduce((t, s) => t + f(s), 0);
    report(n, phases, ['pushes alone', 'first syncs', 'connecting', 'Saturday']);
    if (server.log.trim()) console.log(`  server said:\n${server.log.slice(-2000)}`);

    const perSecond = mixed.checkinsApplied / SECONDS;
    const pushOnlyPerSecond = pushOnly.checkinsApplied / PUSH_ONLY_SECONDS;
    const k = `load.n${n}`;
    return {
      [`${k}.devices`]: n,
      [`${k}.hosts`]: hostCount,
      [`${k}.seconds`]: SECONDS,
      [`${k}.checkinsPerSecond`]: Math.round(perSecond),
      [`${k}.pushOnly.checkinsPerSecond`]: Math.round(pushOnlyPerSecond),
      [`${k}.ratioToPushOnly`]: Math.round((perSecond / pushOnlyPerSecond) * 1000) / 1000,
      // Check-ins per second of CPU the server got: less at the mercy of other work on the machine.
      [`${k}.checkinsPerServerCpuSecond`]: Math.round(
        mixed.checkinsApplied / mixedMeter.serverCpuSeconds,
      ),
      [`${k}.pushOnly.checkinsPerServerCpuSecond`]: Math.round(
        pushOnly.checkinsApplied / pushOnlyMeter.serverCpuSeconds,
      ),
      [`${k}.pushP50Ms`]: p(mixed.latency.push, 50),
      [`${k}.pushP99Ms`]: p(mixed.latency.push, 99),
      [`${k}.pullP50Ms`]: p(mixed.latency.pull, 50),
      [`${k}.pullP99Ms`]: p(mixed.latency.pull, 99),
      [`${k}.pushDoneP99Ms`]: p(mixed.pushDone, 99),
      [`${k}.pullCycleP99Ms`]: p(mixed.pullCycle, 99),
      [`${k}.pushes`]: mixed.latency.push.length,
      [`${k}.pulls`]: mixed.latency.pull.length,
      [`${k}.intentsApplied`]: mixed.intentsApplied,
      [`${k}.pokes`]: mixed.pokes,
      [`${k}.pullsSpared`]: mixed.pullsSpared,
      [`${k}.pushOnly.pushP50Ms`]: p(pushOnly.latency.push, 50),
      [`${k}.pushOnly.pushP99Ms`]: p(pushOnly.latency.push, 99),
      [`${k}.firstSync.allMs`]: Math.round(firstSyncAllMs),
      [`${k}.firstSync.unfinished`]: all.length - firstSyncMs.length,
      [`${k}.firstSync.atOnce`]: FIRST_SYNC_AT_ONCE,
      [`${k}.firstSync.deviceP50Ms`]: p(firstSyncMs, 50),
      [`${k}.firstSync.deviceP99Ms`]: p(firstSyncMs, 99),
      [`${k}.firstSync.pullP99Ms`]: p(firstSync.latency.pull, 99),
      [`${k}.errors`]: sum((s) => s.failed),
      [`${k}.timeouts`]: sum((s) => s.timeouts),
      [`${k}.turnedAway429`]: sum((s) => s.retryAfter[429] ?? 0),
      [`${k}.turnedAway503`]: sum((s) => s.retryAfter[503] ?? 0),
      [`${k}.leftWaiting`]: sum((s) => s.leftWaiting),
      [`${k}.resent`]: sum((s) => s.resent),
      [`${k}.refused`]: sum((s) => s.refusedCount),
      [`${k}.serverRssMb`]: Math.round(memory.maxRssMb),
      [`${k}.serverIdleRssMb`]: Math.round(idleRssMb),
      [`${k}.pushOnly.serverRssMb`]: pushOnlyMeter.serverRssMb,
      [`${k}.serverPeakRssMb`]: Math.round(server.memory().peakMb),
      [`${k}.serverCpuPercent`]: mixedMeter.serverCpuPercent,
      [`${k}.pushOnly.serverCpuPercent`]: pushOnlyMeter.serverCpuPercent,
      [`${k}.loadGen.cpuPercent`]: mixedMeter.loadGenCpuPercent,
      [`${k}.loadGen.lagP99Ms`]: mixedMeter.loadGenLagP99Ms,
      // Share of the Saturday's wall time each main thread was ready to run but had no CPU.
      [`${k}.serverWaitedForCpuPercent`]: mixedMeter.serverWaitedForCpuPercent,
      [`${k}.pushOnly.serverWaitedForCpuPercent`]: pushOnlyMeter.serverWaitedForCpuPercent,
      [`${k}.loadGen.waitedForCpuPercent`]: mixedMeter.loadGenWaitedForCpuPercent,
      // Other work on the machine: the 1-minute load average as the Saturday ended.
      [`${k}.machineLoadAverage`]: Math.round(os.loadavg()[0]! * 10) / 10,
    };
  } finally {
    for (const d of all) d.close();
    lag.stop();
    memory.stop();
    await server.stop();
    fs.rmSync(club.dataDir, { recursive: true, force: true });
  }
}

/** What went wrong, per phase, in words (the figures only count it). */
function report(n: number, phases: PhaseStats[], names: string[]): void {
  phases.forEach((stats, i) => {
    const lines = [
      ...[...stats.failures].map(([why, count]) => `failed ${count}× ${why}`),
      ...[...stats.refusals].map(([why, count]) => `refused ${count}× ${why}`),
      ...Object.entries(stats.retryAfter).map(([s, c]) => `turned away ${c}× with ${s}`),
    ];
    if (stats.leftWaiting > 0) lines.push(`${stats.leftWaiting} still waiting at the end`);
    for (const line of lines) console.log(`  N=${n} ${names[i]}: ${line}`);
  });
}
