import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

/** Below this a compressed body saves too little to be worth the CPU. */
export const minCompressBytes = 1024;

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);
/**
 * Brotli for API answers (here and on the pull workers). Quality 2: about
 * twice as fast as quality 4 on pull pages (0.43 against 0.90 ms for a
 * 188 kB page of 200 check-ins with their credit entries and passes) for 7 %
 * more bytes (a host's first sync of 8,410 rows: 172 kB against 161 kB);
 * under a crowd the pull worker's compression took CPU the pushes needed.
 * Quality 1 is faster again but sent 227 kB (docs/decisions.md, "Pull
 * pages: brotli quality 2"); 11, the default, is far slower.
 */
export const brotliOptions = {
  params: {
    [zlib.constants.BROTLI_PARAM_QUALITY]: 2,
    [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
  },
};

export function chooseEncoding(accept: string | undefined): 'br' | 'gzip' | null {
  const offered = new Map<string, number>();
  for (const part of (accept ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    offered.set(name, q === undefined ? 1 : Number(q));
  }
  const weight = (name: string) => offered.get(name) ?? offered.get('*') ?? 0;
  if (weight('br') > 0) return 'br';
  if (weight('gzip') > 0) return 'gzip';
  return null;
}

/**
 * Compresses what a handler writes to `res` when the client accepts it:
 * buffers the body and compresses it on `end()`. Streams (SSE) pass through
 * untouched, decided by the content type at the first write.
 */
export function compressResponse(req: IncomingMessage, res: ServerResponse): void {
  const encoding = chooseEncoding(req.headers['accept-encoding']);

  const write = res.write.bind(res) as (chunk: unknown, ...rest: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  const chunks: Buffer[] = [];
  let mode: 'undecided' | 'buffer' | 'pass' = 'undecided';
  const decide = () => {
    if (mode !== 'undecided') return;
    if (!res.headersSent) {
      // The handler sets its own Vary; add ours to it.
      const vary = String(res.getHeader('vary') ?? '');
      if (!/accept-encoding/i.test(vary)) {
        res.setHeader('vary', vary ? `${vary}, accept-encoding` : 'accept-encoding');
      }
    }
    const type = String(res.getHeader('content-type') ?? '');
    const stream = type.startsWith('text/event-stream');
    mode = !encoding || stream || res.headersSent ? 'pass' : 'buffer';
    if (mode === 'pass') {
      res.write = write as ServerResponse['write'];
      res.end = end as ServerResponse['end'];
    }
  };
  const collect = (chunk: unknown, enc?: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
    chunks.push(
      typeof chunk === 'string'
        ? Buffer.from(chunk, typeof enc === 'string' ? (enc as BufferEncoding) : 'utf8')
        : Buffer.from(chunk as Uint8Array),
    );
  };

  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    decide();
    if (mode === 'pass') return write(chunk, ...rest);
    collect(chunk, rest[0]);
    return true;
  }) as ServerResponse['write'];

  res.end = ((...args: unknown[]) => {
    decide();
    if (mode === 'pass') return end(...args);
    collect(args[0], args[1]);
    const body = Buffer.concat(chunks);
    if (body.length < minCompressBytes || res.getHeader('content-encoding')) {
      if (!res.headersSent) res.setHeader('content-length', body.length);
      return end(body);
    }
    const chosen = encoding!;
    (chosen === 'br' ? brotli(body, brotliOptions) : gzip(body)).then(
      (compressed) => {
        if (!res.headersSent) {
          res.setHeader('content-encoding', chosen);
          res.setHeader('content-length', compressed.length);
        }
        end(compressed);
      },
      (error: unknown) => res.destroy(error as Error),
    );
    return res;
  }) as ServerResponse['end'];
}
