import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueSetupToken } from '../services/setup.service.js';
import {
  downloadExport,
  exportUrl,
  readDownload,
  refusalOf,
  type ExportPath,
} from '../test/downloads.js';
import {
  addMember,
  PASSWORD,
  setUpClub,
  startTestServer,
  type ClubFixture,
  type TestClient,
  type TestServer,
} from '../test/harness.js';
import { acceptsGzip } from './exports.js';

/** Who may download exports, how refusals are answered, and what a download looks like. */

let server: TestServer;
let fixture: ClubFixture;
/** The owner of another club on the same server. */
let outsider: TestClient;
const range = { from: '2026-01-01', to: '2026-01-31' };
const files: ExportPath[] = ['attendance.csv', 'credit-log.csv', 'club.json'];

beforeAll(async () => {
  server = await startTestServer();
  fixture = await setUpClub(server, 'Harbour Rowing');
  const link = await issueSetupToken(
    { ...server.deps, config: { ...server.deps.config, setupToken: 'second-club-token-1' } },
    server.url,
  );
  outsider = server.client();
  await outsider.api.setup.createClub.mutate({
    token: new URL(link).searchParams.get('token')!,
    club: { name: 'Other Club' },
    owner: { name: 'Other', email: 'other@example.org', password: PASSWORD },
  });
});
afterAll(async () => {
  await server.close();
});

const paramsFor = (file: ExportPath, clubId: string): Record<string, string> =>
  file === 'club.json' ? { clubId } : { clubId, ...range };

const get = (client: TestClient, file: ExportPath, params: Record<string, string>) =>
  downloadExport(client, server.localUrl, file, params);

describe('who may download', () => {
  it('lets the owner download every file and refuses members, hosts, outsiders and the logged-out', async () => {
    const member = await addMember(server, fixture, 'member', 'member@example.org');
    const host = await addMember(server, fixture, 'host', 'host@example.org');
    for (const file of files) {
      const params = paramsFor(file, fixture.clubId);
      expect((await get(fixture.owner, file, params)).status, file).toBe(200);
      for (const refused of [member.client, host.client, outsider]) {
        expect(await refusalOf(get(refused, file, params)), file).toEqual({
          status: 403,
          code: 'not_permitted',
        });
      }
      expect(await refusalOf(get(server.client(), file, params)), file).toEqual({
        status: 401,
        code: 'unauthenticated',
      });
    }
  });

  it('refuses an owner made a host at once', async () => {
    const second = await addMember(server, fixture, 'owner', 'second-owner@example.org');
    const params = paramsFor('club.json', fixture.clubId);
    expect((await get(second.client, 'club.json', params)).status).toBe(200);
    await fixture.owner.api.members.setRole.mutate({
      clubId: fixture.clubId,
      memberId: second.memberId,
      role: 'host',
    });
    expect(await refusalOf(get(second.client, 'club.json', params))).toEqual({
      status: 403,
      code: 'not_permitted',
    });
  });

  it("refuses a page of another site, whatever the owner's cookie", async () => {
    const res = await fixture.owner.fetch(
      exportUrl(server.localUrl, 'club.json', { clubId: fixture.clubId }),
      { headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } },
    );
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'bad_origin' });
  });
});

describe('refusals', () => {
  it('answers a stable code and a human message as JSON, never cached', async () => {
    const res = await fixture.owner.fetch(
      exportUrl(server.localUrl, 'attendance.csv', { clubId: 'not-an-id', ...range }),
    );
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as { code: string; message: string; issues: unknown[] };
    expect(body.code).toBe('invalid_args');
    expect(body.message).toMatch(/\w/);
    expect(body.issues).toEqual([expect.objectContaining({ path: 'clubId' })]);
  });

  it('says which file names exist and which method downloads them', async () => {
    const unknown = await fixture.owner.fetch(`${server.localUrl}/exports/passwords.csv`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'not_found' });
    const posted = await fixture.owner.fetch(
      exportUrl(server.localUrl, 'club.json', { clubId: fixture.clubId }),
      { method: 'POST' },
    );
    expect(posted.status).toBe(405);
    expect(posted.headers.get('allow')).toBe('GET');
    expect(await posted.json()).toMatchObject({ code: 'invalid_args' });
  });
});

describe('the download', () => {
  it('is an attachment with its file name, never cached, gzipped only when asked for', async () => {
    const url = exportUrl(server.localUrl, 'attendance.csv', {
      clubId: fixture.clubId,
      ...range,
    });
    const plain = await readDownload(
      await fixture.owner.fetch(url, { headers: { 'accept-encoding': 'identity' } }),
    );
    const zipped = await readDownload(
      await fixture.owner.fetch(url, { headers: { 'accept-encoding': 'gzip' } }),
    );
    for (const file of [plain, zipped]) {
      expect(file.headers.get('content-disposition')).toBe(
        'attachment; filename="attendance-harbour-rowing-2026-01-01-to-2026-01-31.csv"',
      );
      expect(file.headers.get('cache-control')).toBe('no-store');
      expect(file.contentType).toBe('text/csv; charset=utf-8');
    }
    expect(plain.contentEncoding).toBeNull();
    expect(zipped.contentEncoding).toBe('gzip');
    expect(zipped.body).toBe(plain.body);
    expect(plain.body.startsWith('\uFEFFdate,start,end,session,')).toBe(true);
  });

  it('reads Accept-Encoding as browsers send it', () => {
    expect(acceptsGzip('gzip, deflate, br, zstd')).toBe(true);
    expect(acceptsGzip('br;q=1, gzip;q=0.5')).toBe(true);
    expect(acceptsGzip('gzip;q=0, *')).toBe(false);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('identity')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});
