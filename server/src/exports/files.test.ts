import SQLite from 'better-sqlite3';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBigClub, type BigClub } from '../test/big-club.js';
import { startTestServer, type TestServer } from '../test/harness.js';
import { chunks, clubJson, csvPieces } from './files.js';
import type { ExportJob } from './job.js';
import { postgresUrlOf } from '../db/connection.js';
import { SyncPostgres } from '../db/postgres/sync-client.js';
import {
  PostgresExportSource,
  SqliteExportSource,
  type ExportSource,
} from '../repositories/export-source.js';

/** The files written piece by piece are exactly what the one-shot formats give. */

describe('csvPieces', () => {
  it('joins to what csv-stringify gives for the whole table at once, across batches', () => {
    const columns = ['name', 'credits', 'voided', 'note'];
    const tricky = [
      '=SUM(A1)',
      '+1',
      '-2',
      '@x',
      '\tTab',
      'a,b',
      'say "hi"',
      'two\nlines',
      'Ångström',
    ];
    const rows = Array.from({ length: 1234 }, (_, i) => [
      tricky[i % tricky.length],
      i % 7 === 0 ? -1 : i,
      i % 2 === 0,
      i % 5 === 0 ? null : `row ${i}`,
    ]);
    const whole = stringify([columns, ...rows], {
      bom: true,
      record_delimiter: 'windows',
      escape_formulas: true,
      cast: { boolean: (v) => (v ? 'yes' : 'no') },
    });
    const pieces = [...csvPieces(columns, rows)];
    expect(pieces.length).toBeGreaterThan(2);
    expect(pieces.join('')).toBe(whole);
  });

  it('is the header alone, with its byte order mark, when there are no rows', () => {
    expect([...csvPieces(['a', 'b'], [])].join('')).toBe('\uFEFFa,b\r\n');
  });
});

describe('chunks', () => {
  it('gathers pieces into chunks of about the given size, nothing lost or split inside a character', () => {
    const pieces = Array.from({ length: 500 }, (_, i) => `Ångström ${i}; `);
    const out = [...chunks(pieces, 1000)];
    expect(out.length).toBeGreaterThan(5);
    expect(Buffer.concat(out).toString('utf8')).toBe(pieces.join(''));
    for (const chunk of out.slice(0, -1)) expect(chunk.toString('utf8').length).toBeLessThan(1100);
  });
});

/** An export source of the test server's store, on a connection of its own (as the worker's). */
function exportSourceOf(server: TestServer): { source: ExportSource; close(): Promise<void> } {
  const url = postgresUrlOf(server.deps.db);
  if (url !== undefined) {
    const client = new SyncPostgres(url);
    return { source: new PostgresExportSource(client), close: () => client.close() };
  }
  const sqlite = new SQLite(`${server.deps.config.dataDir}/turnout.db`, { readonly: true });
  return { source: new SqliteExportSource(sqlite), close: async () => void sqlite.close() };
}

describe('clubJson', () => {
  let server: TestServer;
  let club: BigClub;
  let opened: ReturnType<typeof exportSourceOf>;

  beforeAll(async () => {
    server = await startTestServer();
    club = await seedBigClub(server, { attendance: 1200, mutations: 700 });
    opened = exportSourceOf(server);
  }, 60_000);
  afterAll(async () => {
    await opened.close();
    await server.close();
  });

  it('is one JSON document, byte for byte what JSON.stringify gives for it', () => {
    const job: ExportJob = {
      kind: 'club',
      databaseFile: '',
      clubId: club.clubId,
      range: { from: undefined, to: undefined },
      timezone: 'UTC',
      locales: ['en'],
      now: '2026-03-20T12:00:00.000Z',
      gzip: false,
    };
    const { source } = opened;
    const text = [...source.snapshot(clubJson(source, job))].join('');
    const doc = JSON.parse(text) as { tables: Record<string, unknown[]>; exportedAt: string };
    expect(JSON.stringify(doc)).toBe(text);
    expect(Object.keys(doc)).toEqual([
      'format',
      'formatVersion',
      'schema',
      'exportedAt',
      'club',
      'tables',
    ]);
    expect(Object.keys(doc.tables).slice(0, 2)).toEqual(['members', 'invitations']);
    expect(doc.tables.attendance).toHaveLength(1200);
    expect(doc.tables.mutation_log).toHaveLength(700);
    expect(doc.tables.pass_requests).toEqual([]);
    expect(doc.exportedAt).toBe(job.now);
  });
});
