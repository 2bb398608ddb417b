import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fs from 'node:fs';
import { build, type BuildOptions } from 'esbuild';

/**
 * A worker thread's entry (the export worker, the pull workers) as one
 * self-contained CommonJS script, built once per process on first use. The
 * server runs from TypeScript through tsx, whose module hooks would also
 * have to run in every worker thread: at a few milliseconds per module, the
 * hundreds of modules a worker uses (the shared rules, date-fns, Kysely)
 * took seconds of CPU before each export. One bundle, evaluated by the
 * worker, starts in a few tens of milliseconds. Only better-sqlite3 (a
 * native addon) stays outside, required by its absolute path so the script
 * resolves it from anywhere.
 */

const require = createRequire(import.meta.url);
const bundles = new Map<string, Promise<string>>();

/**
 * The bundled script of the worker whose entry is `entry` (a module URL).
 * In the production build (scripts/build.ts) the worker was bundled beside
 * the server's own bundle, as `<entry name>.cjs`, and is read from there.
 */
export function workerScript(entry: URL): Promise<string> {
  const key = entry.href;
  const cached = bundles.get(key);
  if (cached) return cached;
  const prebuilt = fileURLToPath(entry).replace(/\.ts$/, '.cjs');
  const bundled = fs.existsSync(prebuilt)
    ? fs.promises.readFile(prebuilt, 'utf8')
    : build({ ...workerBuild(fileURLToPath(entry)), write: false }).then((result) => {
        const [output] = result.outputFiles;
        if (!output) throw new Error(`the worker bundle of ${key} is empty`);
        return output.text;
      });
  bundles.set(key, bundled);
  // A failed build is tried again on the next use rather than kept.
  bundled.catch(() => bundles.delete(key));
  return bundled;
}

/** How a worker entry is bundled: one CommonJS script, better-sqlite3 left outside. */
export function workerBuild(entryFile: string): BuildOptions {
  return {
    entryPoints: [entryFile],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'silent',
    // CommonJS has no import.meta: modules that resolve packages from their own
    // URL (db/postgres/sync-client.ts finds `pg`) resolve from the entry's place.
    define: { 'import.meta.url': JSON.stringify(pathToFileURL(entryFile).href) },
    plugins: [
      {
        name: 'native-addons',
        setup(plugin) {
          plugin.onResolve({ filter: /^better-sqlite3$/ }, (args) => ({
            path: require.resolve(args.path),
            external: true,
          }));
        },
      },
    ],
  };
}
