import { Worker } from 'node:worker_threads';
import { pullInput, type ErrorCode, type PullInput, type PullOutput } from '@turnout/shared';
import { z } from 'zod';
import type { Db } from '../db/connection.js';
import { readableVersion } from '../db/durable.js';
import { AppFailure } from '../errors.js';
import type { ServiceDeps } from '../services/deps.js';
import { workerScript } from '../workers/bundle.js';
import { defaultPageSize, pull, type PullActor } from './pull.js';

/** `sync.pull`'s input: smaller pages for slow links (and tests); never more than the server's page size. */
export const pullRequest = pullInput.extend({
  limit: z.number().int().min(1).max(defaultPageSize).optional(),
});

/** How a worker hands back a page answered straight to HTTP (http/pull-direct.ts). */
export type PullEncoding = 'br' | 'gzip' | null;

/** A page as the bytes of tRPC's answer `{"result":{"data":…}}`, compressed when `encoding` says. */
export interface PulledBytes {
  body: Uint8Array;
  encoding: PullEncoding;
}

/** One pull for a worker: who asks, what, and the server's clock at the call. */
export interface PullJob {
  id: number;
  actor: PullActor;
  input: PullInput & { limit?: number };
  now: number;
  /** Hand out nothing newer (db/durable.ts). */
  ceiling?: number;
  /** Set: answer the encoded bytes of the HTTP answer instead of the page (`undefined`: the page). */
  encoding?: PullEncoding;
}

export type PullReply =
  | { id: number; ok: true; output: PullOutput }
  | { id: number; ok: true; bytes: PulledBytes }
  | { id: number; ok: false; code: ErrorCode | null; message: string };

interface Slot {
  worker: Worker;
  pending: Map<
    number,
    { resolve(answer: PullOutput | PulledBytes): void; reject(error: unknown): void }
  >;
}

/**
 * Pull workers (issue 12, "pushes are never starved"). better-sqlite3 is
 * synchronous, so on the main thread every pull page held the event loop
 * and the one connection that pushes write on: under a crowd, pushes waited
 * behind pulls. Each worker has its own thread and read-only connection
 * (pull-worker.ts); WAL lets them read committed snapshots while the main
 * connection writes. A pull goes to the worker with the fewest pulls in
 * hand. A worker that dies fails its pulls (the devices retry) and is
 * replaced.
 */
export class PullPool {
  readonly #slots: Slot[] = [];
  #nextId = 1;
  #closing = false;

  private constructor(
    private readonly script: string,
    private readonly file: string,
  ) {}

  static async start(file: string, size: number): Promise<PullPool> {
    const script = await workerScript(new URL('./pull-worker.ts', import.meta.url));
    const pool = new PullPool(script, file);
    for (let i = 0; i < size; i++) pool.#slots.push(pool.#spawn());
    return pool;
  }

  pull(
    actor: PullActor,
    input: PullJob['input'],
    now: Date,
    ceiling?: number,
  ): Promise<PullOutput> {
    return this.#send(actor, input, now, ceiling, undefined) as Promise<PullOutput>;
  }

  /**
   * The page as the bytes of the HTTP answer, serialized (and compressed)
   * on the worker's thread: on a busy Saturday JSON and compression of pull
   * pages were a large share of the main thread, which pushes need.
   */
  pullBytes(
    actor: PullActor,
    input: PullJob['input'],
    now: Date,
    ceiling: number | undefined,
    encoding: PullEncoding,
  ): Promise<PulledBytes> {
    return this.#send(actor, input, now, ceiling, encoding) as Promise<PulledBytes>;
  }

  #send(
    actor: PullActor,
    input: PullJob['input'],
    now: Date,
    ceiling: number | undefined,
    encoding: PullEncoding | undefined,
  ): Promise<PullOutput | PulledBytes> {
    const slot = this.#slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const id = this.#nextId++;
    const job: PullJob = { id, actor, input, now: now.getTime() };
    if (ceiling !== undefined) job.ceiling = ceiling;
    if (encoding !== undefined) job.encoding = encoding;
    return new Promise((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      slot.worker.postMessage(job);
    });
  }

  /** Stops one worker as if it had crashed (for tests and diagnostics). */
  async terminateOne(): Promise<void> {
    await this.#slots[0]?.worker.terminate();
  }

  async close(): Promise<void> {
    this.#closing = true;
    await Promise.all(this.#slots.map((slot) => slot.worker.terminate()));
  }

  #spawn(): Slot {
    const worker = new Worker(this.script, { eval: true, workerData: { file: this.file } });
    const slot: Slot = { worker, pending: new Map() };
    worker.on('message', (reply: PullReply) => {
      const waiting = slot.pending.get(reply.id);
      if (!waiting) return;
      slot.pending.delete(reply.id);
      if (reply.ok) waiting.resolve('bytes' in reply ? reply.bytes : reply.output);
      else if (reply.code) waiting.reject(new AppFailure(reply.code, reply.message));
      else waiting.reject(new Error(`pull worker: ${reply.message}`));
    });
    worker.on('error', (error) => this.#lost(slot, error));
    worker.on('exit', (code) => this.#lost(slot, new Error(`pull worker exited (${code})`)));
    worker.unref();
    return slot;
  }

  #lost(slot: Slot, error: unknown): void {
    for (const waiting of slot.pending.values()) waiting.reject(error);
    slot.pending.clear();
    const at = this.#slots.indexOf(slot);
    if (at === -1 || this.#closing) return;
    this.#slots[at] = this.#spawn();
  }
}

const pools = new WeakMap<Db, PullPool>();

/** The database's pull workers, if it has any. */
export function pullPoolOf(db: Db): PullPool | undefined {
  return pools.get(db);
}

/** Starts `size` pull workers for a database (none: pulls run on the main thread). */
export async function startPullWorkers(
  db: Db,
  file: string,
  size: number,
): Promise<PullPool | undefined> {
  if (size === 0) return undefined;
  const pool = await PullPool.start(file, size);
  pools.set(db, pool);
  return pool;
}

/** `sync.pull` through the database's pull workers, or on this thread if it has none. */
export function pullPage(
  deps: Pick<ServiceDeps, 'db' | 'clock'>,
  actor: PullActor,
  input: PullJob['input'],
): Promise<PullOutput> {
  const pool = pools.get(deps.db);
  const ceiling = readableVersion(deps.db);
  return pool ? pool.pull(actor, input, deps.clock(), ceiling) : pull(deps, actor, input, ceiling);
}
