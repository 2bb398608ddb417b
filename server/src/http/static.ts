import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import sirv from 'sirv';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Serves the built web app. Hashed files under /_app/immutable/ never change,
 * so browsers keep them for a year; everything else (index.html, the service
 * worker, the manifest) is revalidated on every load so an update is seen at
 * once. Unknown paths get index.html: the app's router takes over.
 */
export function staticWebApp(webDir: string): Handler {
  if (!fs.existsSync(path.join(webDir, 'index.html'))) {
    return (_req, res) => {
      res.writeHead(503, {
        'content-type': 'text/plain; charset=utf-8',
        'cache-control': 'no-store',
      });
      res.end(
        'The Turnout web app has not been built. Run `pnpm build`, then restart the server.\n',
      );
    };
  }
  const serve = sirv(webDir, {
    single: true,
    dev: false,
    etag: true,
    gzip: true,
    brotli: true,
    setHeaders(res, pathname) {
      res.setHeader(
        'cache-control',
        pathname.startsWith('/_app/immutable/')
          ? 'public, max-age=31536000, immutable'
          : 'no-cache',
      );
      if (pathname.endsWith('.webmanifest')) {
        res.setHeader('content-type', 'application/manifest+json');
      }
    },
  });
  return (req, res) =>
    serve(req, res, () => {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Not found\n');
    });
}
