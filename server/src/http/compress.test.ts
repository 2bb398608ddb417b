import http from 'node:http';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aSession, startingAt } from '@turnout/shared/testing';
import { writeChange } from '../test/builders.js';
import { setUpClub, startTestServer, type ClubFixture, type TestServer } from '../test/harness.js';
import { chooseEncoding } from './compress.js';

/** Sessions far ahead, so a first pull holds them all. */
const LATER = startingAt('2030-01-01T17:00:00.000Z');

let server: TestServer;
let club: ClubFixture;

beforeAll(async () => {
  server = await startTestServer();
  club = await setUpClub(server);
  const sessions = Array.from({ length: 10 }, (_, i) =>
    aSession({ title: `Class ${i}`, ...LATER }),
  );
  await writeChange(server.deps.db, club.clubId, { sessions });
});

afterAll(async () => {
  await server.close();
});

/** The raw bytes on the wire (Node's fetch would decompress them). */
function rawGet(path: string, headers: Record<string, string>) {
  return new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .get(`${server.localUrl}${path}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

describe('compressed API responses', () => {
  const pullPath = () =>
    `/trpc/sync.pull?input=${encodeURIComponent(JSON.stringify({ clubId: club.clubId }))}`;
  const cookie = () => [...club.owner.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

  it('sends big bodies with brotli or gzip, whichever the client takes', async () => {
    const plain = await rawGet(pullPath(), { cookie: cookie() });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/);
    expect(plain.body.length).toBeGreaterThan(1024);

    const gz = await rawGet(pullPath(), { cookie: cookie(), 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(Number(gz.headers['content-length'])).toBe(gz.body.length);
    expect(gz.body.length).toBeLessThan(plain.body.length);
    const unzipped = JSON.parse(zlib.gunzipSync(gz.body).toString());
    expect(unzipped.result.data.changes.club.put[0].id).toBe(club.clubId);

    const br = await rawGet(pullPath(), {
      cookie: cookie(),
      'accept-encoding': 'gzip, deflate, br',
    });
    expect(br.headers['content-encoding']).toBe('br');
    expect(JSON.parse(zlib.brotliDecompressSync(br.body).toString()).result.data.reset).toBe(true);
  });

  it('leaves small bodies alone', async () => {
    const res = await rawGet('/trpc/setup.status', { 'accept-encoding': 'gzip, br' });
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(res.body.toString()).result).toBeDefined();
  });

  it('reads Accept-Encoding with q-values', () => {
    expect(chooseEncoding(undefined)).toBeNull();
    expect(chooseEncoding('identity')).toBeNull();
    expect(chooseEncoding('gzip;q=1.0, br;q=0')).toBe('gzip');
    expect(chooseEncoding('*')).toBe('br');
  });
});
