import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBigClub, type BigClub } from '../test/big-club.js';
import { downloadExport, exportUrl, getOnce, readDownload } from '../test/downloads.js';
import { PASSWORD, startTestServer, type TestClient, type TestServer } from '../test/harness.js';

/**
 * Exports of a club with a long history: tens of thousands of check-ins and
 * mutation-log entries. The file streams whole and correct, the server goes
 * on answering while it is made, at most two run at once, and a download
 * the client gives up on stops the work.
 */

let server: TestServer;
let club: BigClub;
let owner: TestClient;

beforeAll(async () => {
  server = await startTestServer();
  club = await seedBigClub(server, { attendance: 30_000, mutations: 30_000 });
  owner = server.client();
  await owner.api.auth.login.mutate({ email: club.ownerEmail, password: PASSWORD });
}, 120_000);
afterAll(async () => {
  await server.close();
});

/** Bodies not read: the server cannot finish while the client holds back. */
const identity = { 'accept-encoding': 'identity' };

/** Starts a JSON export and returns as soon as its headers arrived (the export is running). */
function startJsonExport(signal?: AbortSignal): Promise<Response> {
  return getOnce(owner, exportUrl(server.localUrl, 'club.json', { clubId: club.clubId }), {
    headers: identity,
    ...(signal ? { signal } : {}),
  });
}

interface ClubDocument {
  format: string;
  tables: Record<string, Record<string, unknown>[]>;
}

function storedIds(table: 'attendance' | 'mutation_log'): string[] {
  const rows = server.sqlite
    .prepare(`SELECT id FROM ${table} WHERE club_id = ? ORDER BY id`)
    .all(club.clubId) as { id: string }[];
  return rows.map((r) => r.id);
}

describe('a large export', () => {
  it('streams the whole attendance CSV, every record once, in order', async () => {
    const file = await downloadExport(owner, server.localUrl, 'attendance.csv', {
      clubId: club.clubId,
      from: club.from,
      to: club.to,
    });
    expect(file.headers.get('transfer-encoding')).toBe('chunked');
    expect(file.body.startsWith('\uFEFFdate,start,end,session,')).toBe(true);
    const rows = parse(file.body, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(club.attendance);
    expect(rows.map((r) => r.attendance_id).sort()).toEqual(storedIds('attendance'));
    expect(rows.every((r) => r.device === 'Front desk' && r.credits === '1')).toBe(true);
    // By session start, then member name.
    const keys = rows.map((r) => `${r.date} ${r.start} ${r.member}`);
    expect(keys).toEqual([...keys].sort());
  });

  it('streams the whole club as one JSON document, gzipped or not', async () => {
    for (const encoding of ['identity', 'gzip']) {
      const file = await downloadExport(
        owner,
        server.localUrl,
        'club.json',
        { clubId: club.clubId },
        { headers: { 'accept-encoding': encoding } },
      );
      expect(file.contentEncoding ?? 'identity').toBe(encoding);
      const doc = JSON.parse(file.body) as ClubDocument;
      expect(doc.format).toBe('turnout.club-export');
      expect(doc.tables.attendance!.map((a) => a.id).sort()).toEqual(storedIds('attendance'));
      expect(doc.tables.mutation_log!.map((m) => m.id).sort()).toEqual(storedIds('mutation_log'));
      expect(doc.tables.mutation_log![0]!.args).toMatchObject({ credits: 1 });
      expect(doc.tables.members).toHaveLength(501);
    }
  });
});

describe('while an export runs', () => {
  it('the server goes on answering /healthz', async () => {
    const res = await startJsonExport();
    expect(res.status).toBe(200);
    // The body is not read yet, so the export cannot have finished.
    const health = await getOnce(server.client(), `${server.localUrl}/healthz`);
    expect(health.status).toBe(200);
    const doc = JSON.parse((await readDownload(res)).body) as ClubDocument;
    expect(doc.tables.mutation_log).toHaveLength(club.mutations);
  });

  it('two run at once; a third is told to come back later', async () => {
    const stop = new AbortController();
    const running = [await startJsonExport(stop.signal), await startJsonExport(stop.signal)];
    expect(running.map((r) => r.status)).toEqual([200, 200]);

    const third = await startJsonExport();
    expect(third.status).toBe(503);
    expect(third.headers.get('retry-after')).toBe('10');
    expect(await third.json()).toMatchObject({ code: 'busy', retryAfterSeconds: 10 });

    // Giving up on the two stops their workers and frees their places.
    stop.abort();
    let after: Response | undefined;
    for (let attempt = 0; attempt < 100; attempt++) {
      after = await startJsonExport();
      if (after.status !== 503) break;
      await after.body?.cancel();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(after?.status).toBe(200);
    const doc = JSON.parse((await readDownload(after!)).body) as ClubDocument;
    expect(doc.tables.attendance).toHaveLength(club.attendance);
  });
});
