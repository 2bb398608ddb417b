import fs from 'node:fs';
import os from 'node:os';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import zlib from 'node:zlib';
import { openReadOnlyDatabase } from '../db/read-only.js';
import { SyncPostgres } from '../db/postgres/sync-client.js';
import {
  PostgresExportSource,
  SqliteExportSource,
  type ExportSource,
} from '../repositories/export-source.js';
import { chunks, exportPieces } from './files.js';
import type { ExportJob, MainMessage, WorkerMessage } from './job.js';

/**
 * The export worker: one per download, on its own thread, so formatting
 * hundreds of thousands of rows never holds the server's event loop. It
 * opens its own connection — read-only to the SQLite file (WAL lets readers
 * and the server's writer work at once), or to PostgreSQL (a read-only
 * snapshot transaction) — writes the file in chunks and posts them to the
 * main thread, which hands them to the socket.
 */

/** Chunks posted but not yet handed to the socket: beyond this the worker waits. */
const window = 4;

/**
 * Posts each chunk to the main thread and holds the pipeline while `window`
 * chunks are unacknowledged: the main thread acknowledges a chunk once the
 * socket took it, so a slow client slows the reading of the database
 * instead of piling the file up in memory.
 */
class PortSink extends Writable {
  #unacknowledged = 0;
  #waiting: (() => void) | undefined;

  constructor(private readonly port: MessagePort) {
    super();
    port.on('message', (message: MainMessage) => {
      if (message.type !== 'ack') return;
      this.#unacknowledged -= 1;
      const resume = this.#waiting;
      this.#waiting = undefined;
      resume?.();
    });
  }

  override _write(chunk: Buffer, _encoding: string, callback: (error?: Error | null) => void) {
    // A copy of exactly this chunk, moved (not copied again) to the main thread.
    const bytes = new Uint8Array(chunk);
    this.port.postMessage({ type: 'chunk', bytes } satisfies WorkerMessage, [bytes.buffer]);
    this.#unacknowledged += 1;
    if (this.#unacknowledged < window) callback();
    else this.#waiting = () => callback();
  }
}

/**
 * An export is background work: on Linux each thread has its own nice
 * value, so this one steps back and the server's event loop gets the CPU
 * first when both want it (a small machine has two cores for the server,
 * exports and everything else). Elsewhere it runs at normal priority.
 */
function yieldToTheServer(): void {
  try {
    const thread = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(thread) && thread > 0) os.setPriority(thread, 10);
  } catch {
    // Not Linux, or not allowed: run as is.
  }
}

/** The worker's own connection to the job's store, and how to close it. */
function openSource(job: ExportJob): { source: ExportSource; close(): Promise<void> } {
  if (job.postgresUrl !== undefined) {
    const client = new SyncPostgres(job.postgresUrl);
    return { source: new PostgresExportSource(client), close: () => client.close() };
  }
  const sqlite = openReadOnlyDatabase(job.databaseFile);
  return {
    source: new SqliteExportSource(sqlite),
    close: async () => {
      sqlite.close();
    },
  };
}

async function run(port: MessagePort, job: ExportJob): Promise<void> {
  yieldToTheServer();
  const { source: store, close } = openSource(job);
  try {
    const source = Readable.from(chunks(exportPieces(store, job)), { objectMode: false });
    const sink = new PortSink(port);
    if (job.gzip) await pipeline(source, zlib.createGzip(), sink);
    else await pipeline(source, sink);
    port.postMessage({ type: 'end' } satisfies WorkerMessage);
  } catch (error) {
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    port.postMessage({ type: 'failed', error: text } satisfies WorkerMessage);
  } finally {
    await close();
  }
}

if (!parentPort)
  throw new Error('exports/worker.ts runs as a worker thread (see exports/runner.ts)');
void run(parentPort, (workerData as { job: ExportJob }).job);
