import http from 'node:http';
import zlib from 'node:zlib';
import type { PullOutput } from '@turnout/shared';

/** Raw `sync.pull` over HTTP for the pull benches: the bytes as sent, decoded afterwards. */

export type Encoding = 'identity' | 'gzip' | 'br';

export interface PullTarget {
  /** The server's base URL, e.g. http://127.0.0.1:3000. */
  url: string;
  clubId: string;
  /** The login cookie header. */
  cookie: string;
}

/** One GET of sync.pull. */
export function pullPage(target: PullTarget, encoding: Encoding, cursor?: string) {
  const input = encodeURIComponent(JSON.stringify({ clubId: target.clubId, cursor }));
  return new Promise<{ out: PullOutput; bytes: number }>((resolve, reject) => {
    http
      .get(
        `${target.url}/trpc/sync.pull?input=${input}`,
        { headers: { cookie: target.cookie, 'accept-encoding': encoding } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const raw = Buffer.concat(chunks);
            const body =
              res.headers['content-encoding'] === 'br'
                ? zlib.brotliDecompressSync(raw)
                : res.headers['content-encoding'] === 'gzip'
                  ? zlib.gunzipSync(raw)
                  : raw;
            const json = JSON.parse(body.toString()) as { result?: { data: PullOutput } };
            if (!json.result) return reject(new Error(body.toString().slice(0, 300)));
            resolve({ out: json.result.data, bytes: raw.length });
          });
        },
      )
      .on('error', reject);
  });
}

/** Pulls from `cursor` (none: a first sync) until `hasMore` is false. */
export async function pullAll(target: PullTarget, encoding: Encoding, cursor?: string) {
  let bytes = 0;
  let rows = 0;
  let pages = 0;
  const pageMs: number[] = [];
  const started = performance.now();
  for (;;) {
    const pageStarted = performance.now();
    const { out, bytes: n } = await pullPage(target, encoding, cursor);
    pageMs.push(performance.now() - pageStarted);
    bytes += n;
    pages += 1;
    rows += Object.values(out.changes).reduce((sum, c) => sum + c.put.length + c.del.length, 0);
    cursor = out.cursor;
    if (!out.hasMore) break;
  }
  return { ms: performance.now() - started, pageMs, bytes, rows, pages, cursor };
}

/** The cookie header of a test client's jar. */
export function cookieOf(cookies: Map<string, string>): string {
  return [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
}
