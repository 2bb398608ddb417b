import { parentPort, workerData } from 'node:worker_threads';
import zlib from 'node:zlib';
import { openReadOnlyStore } from '../db/connection.js';
import { AppFailure } from '../errors.js';
import { pull } from './pull.js';
import { pullAnswerBytes } from './pull-json.js';
import type { PullOutput } from '@turnout/shared';
import { brotliOptions, minCompressBytes } from '../http/compress.js';
import type { PullEncoding, PullJob, PullReply } from './pull-pool.js';

/** tRPC's answer to a query, `{"result":{"data":…}}`, encoded as the client accepts. */
function encode(
  output: PullOutput,
  encoding: PullEncoding,
): { body: Uint8Array; encoding: PullEncoding } {
  const json = pullAnswerBytes(output);
  if (!encoding || json.length < minCompressBytes) return { body: json, encoding: null };
  const body =
    encoding === 'br' ? zlib.brotliCompressSync(json, brotliOptions) : zlib.gzipSync(json);
  return { body, encoding };
}

/**
 * A pull worker (pull-pool.ts): builds pull pages on its own thread and its
 * own read-only connection, so the main thread's event loop and its one
 * writing connection stay free for pushes. Runs bundled (workers/bundle.ts).
 */
const { file } = workerData as { file: string };
const { db } = openReadOnlyStore(file);
const port = parentPort!;

port.on('message', (job: PullJob) => {
  void answer(job);
});

async function answer({ id, actor, input, now, ceiling, encoding }: PullJob): Promise<void> {
  let reply: PullReply;
  try {
    const output = await pull({ db, clock: () => new Date(now) }, actor, input, ceiling);
    if (encoding !== undefined) {
      const bytes = encode(output, encoding);
      // Handed over, not copied: the buffer is the main thread's from here on.
      const transfer =
        bytes.body.byteOffset === 0 && bytes.body.byteLength === bytes.body.buffer.byteLength;
      port.postMessage(
        { id, ok: true, bytes } satisfies PullReply,
        transfer ? [bytes.body.buffer as ArrayBuffer] : [],
      );
      return;
    }
    reply = { id, ok: true, output };
  } catch (error) {
    reply =
      error instanceof AppFailure
        ? { id, ok: false, code: error.code, message: error.message }
        : {
            id,
            ok: false,
            code: null,
            message: error instanceof Error ? (error.stack ?? error.message) : String(error),
          };
  }
  port.postMessage(reply);
}
