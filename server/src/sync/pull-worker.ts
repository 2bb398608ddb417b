import { parentPort, workerData } from 'node:worker_threads';
import { openReadOnlyStore } from '../db/connection.js';
import { AppFailure } from '../errors.js';
import { pull } from './pull.js';
import type { PullJob, PullReply } from './pull-pool.js';

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

async function answer({ id, actor, input, now }: PullJob): Promise<void> {
  let reply: PullReply;
  try {
    const output = await pull({ db, clock: () => new Date(now) }, actor, input);
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
