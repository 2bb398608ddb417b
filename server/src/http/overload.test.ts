import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/harness.js';
import { Overload } from './overload.js';

describe('Overload', () => {
  let server: http.Server | undefined;
  afterEach(() => server?.close());

  it('answers past the limit 503 busy with Retry-After, and admits again once calls end', async () => {
    const overload = new Overload(2);
    const held: http.ServerResponse[] = [];
    server = http.createServer((req, res) => {
      if (!overload.admit(req, res, req.url ?? '/')) return;
      held.push(res);
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/trpc/sync.pull`;
    const first = fetch(url);
    const second = fetch(url);
    while (held.length < 2) await new Promise((r) => setTimeout(r, 5));

    const refused = await fetch(url);
    expect(refused.status).toBe(503);
    const seconds = Number(refused.headers.get('retry-after'));
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(await refused.json()).toMatchObject({
      error: { data: { code: 'busy', httpStatus: 503, retryAfterSeconds: seconds } },
    });
    // The change stream is never refused: it is one long request per device.
    const stream = fetch(url.replace('sync.pull', 'sync.changes'));
    while (held.length < 3) await new Promise((r) => setTimeout(r, 5));

    for (const res of held.splice(0)) res.end('ok');
    await Promise.all([first, second, stream]);
    while (overload.inFlight > 0) await new Promise((r) => setTimeout(r, 5));
    const again = fetch(url);
    while (held.length < 1) await new Promise((r) => setTimeout(r, 5));
    held[0]!.end('ok');
    expect((await again).status).toBe(200);
  });
});

describe('Overload by waiting', () => {
  let server: http.Server | undefined;
  afterEach(() => server?.close());

  it('sheds new calls once the oldest call in flight has waited too long, however few there are', async () => {
    const overload = new Overload(1000, 100);
    const held: http.ServerResponse[] = [];
    server = http.createServer((req, res) => {
      if (!overload.admit(req, res, req.url ?? '/')) return;
      held.push(res);
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/trpc/sync.push`;
    const stuck = fetch(url);
    while (held.length < 1) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 150));
    expect((await fetch(url)).status).toBe(503);
    held[0]!.end('ok');
    await stuck;
    while (overload.inFlight > 0) await new Promise((r) => setTimeout(r, 5));
    const next = fetch(url);
    while (held.length < 2) await new Promise((r) => setTimeout(r, 5));
    held[1]!.end('ok');
    expect((await next).status).toBe(200);
  });
});

describe('a server at its limit', () => {
  let running: TestServer | undefined;
  afterEach(async () => {
    await running?.close();
  });

  it('sheds API calls with 503 busy while /healthz still answers', async () => {
    running = await startTestServer({ config: { maxInFlight: 0 } });
    const res = await fetch(`${running.url}/trpc/auth.me`);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toMatch(/^[1-3]$/);
    expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
  });
});
