import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { webDir } from './env';

/** A copy of the built web app that a test may change, as a stand-in for a deployment. */
export function copyOfWebApp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'turnout-web-'));
  cpSync(webDir, dir, { recursive: true });
  return dir;
}

/** Writes a file and the precompressed copies the server prefers (.br, .gz), as a build does. */
function writeBuilt(file: string, content: string): void {
  writeFileSync(file, content);
  if (existsSync(`${file}.br`)) writeFileSync(`${file}.br`, brotliCompressSync(content));
  if (existsSync(`${file}.gz`)) writeFileSync(`${file}.gz`, gzipSync(content));
}

/**
 * "Deploys" a new version into a copy of the web app without rebuilding: the
 * SPA page gets a version marker, and the service worker's precache list the
 * page's new revision, so sw.js differs byte for byte like after a release.
 * Returns the new page revision.
 */
export function deployNewVersion(dir: string, version: string): string {
  const pageFile = join(dir, 'index.html');
  const page = readFileSync(pageFile, 'utf8').replace(
    '<head>',
    `<head>\n    <meta name="turnout-version" content="${version}" />`,
  );
  writeBuilt(pageFile, page);

  const workerFile = join(dir, 'sw.js');
  const worker = readFileSync(workerFile, 'utf8');
  const entry = /\{url:"index\.html",revision:"([0-9a-f]+)"\}/.exec(worker);
  if (!entry) throw new Error('sw.js does not precache index.html with a revision');
  const revision = createHash('md5').update(page).digest('hex');
  writeBuilt(workerFile, worker.replace(entry[0], `{url:"index.html",revision:"${revision}"}`));
  return revision;
}
