import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';
import type { Logger } from '../logger.js';
import { workerScript } from '../workers/bundle.js';

export interface CheckpointJob {
  file: string;
  everyMs: number;
}

/** How often the worker copies new WAL frames into the database file. */
const everyMs = 200;
/**
 * The server's own connection checkpoints only past this many WAL pages
 * (~40 MB): a backstop if the worker stops or falls far behind. SQLite's
 * default, 1,000 pages, ran a checkpoint inside the COMMIT of whichever push
 * crossed it.
 */
const backstopPages = 10_000;

/**
 * WAL checkpoints off the event loop (issue 12). SQLite's automatic
 * checkpoint runs in the COMMIT that fills the WAL past 1,000 pages, on the
 * connection that commits: on a busy Saturday that was the server's main
 * thread, copying pages and waiting for two fsyncs (WAL, then the database
 * file) while every push waited behind it (3 of the main thread's 9.6-12.9 s
 * of COMMIT per minute at 200 devices). A worker thread with its own
 * connection checkpoints instead, every 200 ms when something was committed,
 * in PASSIVE mode: it copies only frames no reader still needs and never
 * waits for or blocks a writer. Durability is unchanged: a commit is durable
 * once its WAL frames are synced (durable.ts); a checkpoint syncs the WAL
 * before copying and the database file after, as before.
 */
export class Checkpointer {
  #exited = false;

  private constructor(
    private readonly worker: Worker,
    private readonly sqlite: SQLite.Database,
  ) {
    worker.once('exit', () => (this.#exited = true));
  }

  static async start(sqlite: SQLite.Database, file: string, logger: Logger): Promise<Checkpointer> {
    const script = await workerScript(new URL('./checkpoint-worker.ts', import.meta.url));
    const worker = new Worker(script, {
      eval: true,
      workerData: { file, everyMs } satisfies CheckpointJob,
    });
    worker.on('message', (message: { failed?: string }) => {
      if (message.failed) logger.warn({ error: message.failed }, 'WAL checkpoint failed');
    });
    worker.on('error', (err) => {
      // The server's own connection checkpoints again, as SQLite does by default.
      logger.error({ err }, 'checkpoint worker stopped; the server checkpoints itself');
      sqlite.pragma('wal_autocheckpoint = 1000');
    });
    worker.unref();
    sqlite.pragma(`wal_autocheckpoint = ${backstopPages}`);
    return new Checkpointer(worker, sqlite);
  }

  /** Stops the worker after its connection closed, so the server's is the last (and removes the WAL). */
  async close(): Promise<void> {
    if (!this.#exited) await this.#stop();
    this.sqlite.pragma('wal_autocheckpoint = 1000');
  }

  async #stop(): Promise<void> {
    const exited = once(this.worker, 'exit');
    // Held until it has exited: an unreferenced worker would let the process end mid-shutdown.
    this.worker.ref();
    this.worker.postMessage('close');
    await exited;
  }
}
