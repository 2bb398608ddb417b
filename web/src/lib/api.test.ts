import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTRPCClient, httpLink } from '@trpc/client';
import type { AppRouter } from '@turnout/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchNoticingRefusals, retryAfterFromHeader, toFailure } from './api';

/**
 * How refusals reach the app through the real tRPC client: the server's own
 * (`error.data`) and a reverse proxy's bare ones (a status and `Retry-After`,
 * no tRPC body). A local HTTP server plays each answer.
 */

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const tooMany = {
  error: {
    message: 'Too many changes from this account at once.',
    code: -32029,
    data: { code: 'rate_limited', httpStatus: 429, retryAfterSeconds: 12 },
  },
};

const answers: Record<string, Answer> = {
  trpc: {
    status: 429,
    headers: { 'content-type': 'application/json', 'retry-after': '12' },
    body: JSON.stringify(tooMany),
  },
  headerOnly: {
    status: 503,
    headers: { 'content-type': 'application/json', 'retry-after': '9' },
    body: JSON.stringify({
      error: {
        message: 'Busy',
        code: -32603,
        data: { code: 'busy', httpStatus: 503 },
      },
    }),
  },
  proxy429: {
    status: 429,
    headers: { 'content-type': 'text/html', 'retry-after': '7' },
    body: '<html><body>429 Too Many Requests</body></html>',
  },
  proxyJson503: {
    status: 503,
    headers: { 'content-type': 'application/json', 'retry-after': '4' },
    body: JSON.stringify({ message: 'upstream overloaded' }),
  },
  proxy413: {
    status: 413,
    headers: { 'content-type': 'text/plain' },
    body: 'Request Entity Too Large',
  },
  proxy502: {
    status: 502,
    headers: { 'content-type': 'text/html' },
    body: '<html><body>Bad Gateway</body></html>',
  },
};

let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const which = new URL(req.url ?? '/', 'http://x').searchParams.get('answer') ?? '';
    const answer = answers[which];
    if (!answer) return res.writeHead(404).end();
    res.writeHead(answer.status, answer.headers).end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** What the app would see for a call answered with `answer` (named in the query string). */
async function failureFor(answer: keyof typeof answers) {
  const client = createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${base}/trpc`,
        fetch: (input, init) => {
          const url = new URL(String(input as string | URL));
          url.searchParams.set('answer', answer);
          return fetchNoticingRefusals(url, init);
        },
      }),
    ],
  });
  try {
    await client.auth.me.query();
  } catch (error) {
    return toFailure(error);
  }
  throw new Error('expected a refusal');
}

describe('refusals through the tRPC client', () => {
  it('reads the code and the wait from the server’s error data', async () => {
    expect(await failureFor('trpc')).toEqual({
      code: 'rate_limited',
      message: tooMany.error.message,
      fields: {},
      retryAfterMs: 12_000,
    });
  });

  it('falls back to the Retry-After header when the data has no wait', async () => {
    const failure = await failureFor('headerOnly');
    expect(failure.code).toBe('busy');
    expect(failure.retryAfterMs).toBe(9_000);
  });

  it('understands a proxy’s bare 429 with only a Retry-After header', async () => {
    const failure = await failureFor('proxy429');
    expect(failure.code).toBe('rate_limited');
    expect(failure.retryAfterMs).toBe(7_000);
  });

  it('understands a proxy’s 503 with a JSON body of its own', async () => {
    const failure = await failureFor('proxyJson503');
    expect(failure.code).toBe('busy');
    expect(failure.retryAfterMs).toBe(4_000);
  });

  it('understands a proxy’s bare 413, which gives no wait', async () => {
    const failure = await failureFor('proxy413');
    expect(failure.code).toBe('too_large');
    expect(failure).not.toHaveProperty('retryAfterMs');
  });

  it('still calls any other page instead of an answer a network failure', async () => {
    expect((await failureFor('proxy502')).code).toBe('network');
  });
});

describe('retryAfterFromHeader', () => {
  const now = Date.parse('2026-03-01T10:00:00Z');

  it('reads delay-seconds and HTTP dates', () => {
    expect(retryAfterFromHeader('120', now)).toBe(120_000);
    expect(retryAfterFromHeader(' 0 ', now)).toBe(0);
    expect(retryAfterFromHeader('Sun, 01 Mar 2026 10:00:30 GMT', now)).toBe(30_000);
  });

  it('gives nothing for an absent or unreadable value, and no negative wait', () => {
    expect(retryAfterFromHeader(null, now)).toBeNull();
    expect(retryAfterFromHeader('soon', now)).toBeNull();
    expect(retryAfterFromHeader('-5', now)).toBeNull();
    expect(retryAfterFromHeader('Sun, 01 Mar 2026 09:00:00 GMT', now)).toBe(0);
  });
});
