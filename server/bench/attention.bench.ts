import { addMember, setUpClub, startTestServer } from '../src/test/harness.js';
import { Device } from '../src/test/devices.js';
import { percentile, type Bench } from './bench.js';

/**
 * The needs-attention list after one device pushed 45,000 refusals (what a
 * security tester did): `reports.attention` over real HTTP, before the
 * flood, with the flood as one open group, and after the group was
 * dismissed; and the dismissal itself. Next to it, informational, what
 * grouping the club's whole mutation log on every read would cost (the
 * design the group keys avoid), run on the same database.
 */
export const attentionBench: Bench = { name: 'attention', run: benchAttention };

const REFUSALS = 45_000;
const BATCH = 1000;
const READS = 40;
const WARM_UP = 10;

export async function benchAttention(): Promise<Record<string, number>> {
  const server = await startTestServer();
  try {
    const fixture = await setUpClub(server, 'Bench Club');
    const tester = await addMember(server, fixture, 'member', 'tester@example.org');
    const phone = new Device(tester.client, fixture.clubId, 'Tester phone');
    const owner = new Device(fixture.owner, fixture.clubId, 'Office laptop');

    const read = async () => {
      const times: number[] = [];
      let total = 0;
      // The first reads warm up the server's code paths and prepared statements.
      for (let i = 0; i < WARM_UP + READS; i += 1) {
        const started = performance.now();
        const list = await fixture.owner.api.reports.attention.query({
          clubId: fixture.clubId,
          limit: 50,
        });
        if (i >= WARM_UP) times.push(performance.now() - started);
        total = list.total;
      }
      return { p50: percentile(times, 50), p95: percentile(times, 95), total };
    };
    const figures: Record<string, number> = {};
    const put = (key: string, value: number) => (figures[key] = Math.round(value * 1000) / 1000);

    const empty = await read();
    put('attention.list.empty.ms.p50', empty.p50);

    const pushed = performance.now();
    for (let sent = 0; sent < REFUSALS; sent += BATCH) {
      phone.outbox.length = 0;
      for (let i = 0; i < BATCH; i += 1) {
        phone.queue('session.cancel', { sessionId: fixture.clubId });
      }
      const results = await phone.sync();
      if (results.some((r) => r.status !== 'rejected')) throw new Error('a refusal was applied');
    }
    put('attention.flood45k.pushSeconds', (performance.now() - pushed) / 1000);

    const open = await read();
    if (open.total !== 1) throw new Error(`expected one group, got ${open.total} entries`);
    put('attention.list.openGroup45k.ms.p50', open.p50);
    put('attention.list.openGroup45k.ms.p95', open.p95);

    const naive = server.sqlite.prepare(`SELECT client_id, name, code, COUNT(*) AS n,
      MIN(received_at) AS first, MAX(received_at) AS last
      FROM mutation_log WHERE club_id = ? AND status = 'rejected'
      GROUP BY client_id, name, code`);
    const naiveTimes: number[] = [];
    for (let i = 0; i < READS; i += 1) {
      const started = performance.now();
      naive.all(fixture.clubId);
      naiveTimes.push(performance.now() - started);
    }
    put('attention.naiveGroupByWholeLog45k.ms.p50', percentile(naiveTimes, 50));

    const [group] = (
      await fixture.owner.api.reports.attention.query({ clubId: fixture.clubId, limit: 1 })
    ).items;
    const dismissing = performance.now();
    const dismissed = await owner.send('attention.dismissGroup', { itemId: group!.id });
    put('attention.dismissGroup45k.ms', performance.now() - dismissing);
    if (dismissed.status !== 'applied') throw new Error(`dismissal refused: ${dismissed.code}`);

    const after = await read();
    if (after.total !== 0) throw new Error(`expected nothing open, got ${after.total}`);
    put('attention.list.dismissedGroup45k.ms.p50', after.p50);
    return figures;
  } finally {
    await server.close();
  }
}
