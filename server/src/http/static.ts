import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import sirv from 'sirv';
import { appContentSecurityPolicy } from './security-headers.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** The sources of the built app's scripts (their templates hold style attributes to allow). */
function readBundles(webDir: string): string[] {
  const dir = path.join(webDir, '_app/immutable');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.js'))
    .map((file) => fs.readFileSync(path.join(dir, file), 'utf8'));
}

/**
 * Serves the built web app. Hashed files under /_app/immutable/ never change,
 * so browsers keep them for a year; everything else (index.html, the service
 * worker, the manifest) is revalidated on every load so an update is seen at
 * once. Unknown paths get index.html: the app's router takes over.
 *
 * Every answer carries the app's Content-Security-Policy, made once from the
 * build (the inline scripts and styles it holds, by hash): after a new build,
 * restart the server, as the list of files it serves is also read at start.
 */
export function staticWebApp(webDir: string): Handler {
  const indexFile = path.join(webDir, 'index.html');
  if (!fs.existsSync(indexFile)) {
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
  const contentSecurityPolicy = appContentSecurityPolicy(
    fs.readFileSync(indexFile, 'utf8'),
    readBundles(webDir),
  );
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
  return (req, res) => {
    res.setHeader('content-security-policy', contentSecurityPolicy);
    serve(req, res, () => {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Not found\n');
    });
  };
}
