import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/**
 * The export worker as one self-contained CommonJS script, built once per
 * process on the first export. The server runs from TypeScript through
 * tsx, whose module hooks would also have to run in every worker thread: at
 * a few milliseconds per module, the hundreds of modules the worker uses
 * (the shared rules, date-fns) took seconds of CPU before each export. One
 * bundle, evaluated by the worker, starts in a few tens of milliseconds.
 * Only better-sqlite3 (a native addon) stays outside, required by its
 * absolute path so the script resolves it from anywhere.
 */

const require = createRequire(import.meta.url);
let bundled: Promise<string> | undefined;

export function workerScript(): Promise<string> {
  bundled ??= build({
    entryPoints: [fileURLToPath(new URL('./worker.ts', import.meta.url))],
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
    if (!output) throw new Error('the export worker bundle is empty');
    return output.text;
  });
  // A failed build is tried again on the next export rather than kept.
  bundled.catch(() => {
    bundled = undefined;
  });
  return bundled;
}
