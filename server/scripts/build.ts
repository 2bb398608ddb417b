import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { workerBuild } from '../src/workers/bundle.js';

/**
 * The production build of the server: `dist/cli.mjs` (what `pnpm start` and
 * `pnpm demo` run with plain Node) and its worker threads beside it
 * (`pull-worker.cjs`, `worker.cjs`, `checkpoint-worker.cjs`: workers/bundle.ts reads them from
 * there). Running the TypeScript through tsx kept every module's compiled
 * source and tsx's own machinery in memory: measured, the idle server took
 * 168 MB that way and 93 MB bundled. The server's own npm dependencies stay
 * outside the bundle (resolved from server/node_modules at run time: native
 * better-sqlite3, pino's transport threads); the shared package and its
 * dependencies go in, since pnpm keeps those out of the server's reach.
 */
const serverRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(serverRoot, 'dist');

/** Bundles `mains` (entry files, relative to server/) into dist/, with the workers. */
export async function buildServer(mains: string[]): Promise<void> {
  const pkg = JSON.parse(fs.readFileSync(path.join(serverRoot, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  const external = Object.keys(pkg.dependencies).filter((d) => !d.startsWith('@turnout/'));
  await build({
    entryPoints: mains.map((main) => path.join(serverRoot, main)),
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external,
    // Dependencies bundled from CommonJS call require(); give the ES module one.
    banner: {
      js: "import { createRequire as __turnoutRequire } from 'node:module'; const require = __turnoutRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  for (const worker of [
    'src/sync/pull-worker.ts',
    'src/exports/worker.ts',
    'src/db/checkpoint-worker.ts',
  ]) {
    const name = path.basename(worker, '.ts');
    await build({
      ...workerBuild(path.join(serverRoot, worker)),
      outfile: path.join(outdir, `${name}.cjs`),
    });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  await buildServer(['src/cli.ts']);
  console.log(`server built into ${path.relative(process.cwd(), outdir) || '.'}`);
}
