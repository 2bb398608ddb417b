import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

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

/** The bundled script of the worker whose entry is `entry` (a module URL). */
export function workerScript(entry: URL): Promise<string> {
  const key = entry.href;
  const cached = bundles.get(key);
  if (cached) return cached;
  const bundled = build({
    entryPoints: [fileURLToPath(entry)],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    write: false,
    logLevel: 'silent',
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
  }).then((result) => {
    const [output] = result.outputFiles;
    if (!output) throw new Error(`the worker bundle of ${key} is empty`);
    return output.text;
  });
  bundles.set(key, bundled);
  // A failed build is tried again on the next use rather than kept.
  bundled.catch(() => bundles.delete(key));
  return bundled;
}
