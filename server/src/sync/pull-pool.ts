import { Worker } from 'node:worker_threads';
import type { ErrorCode, PullInput, PullOutput } from '@turnout/shared';
import type { Db } from '../db/connection.js';
import { AppFailure } from '../errors.js';
import type { ServiceDeps } from '../services/deps.js';
import { workerScript } from '../workers/bundle.js';
import { pull, type PullActor } from './pull.js';

/** One pull for a worker: who asks, what, and the server's clock at the call. */
export interface PullJob {
  id: number;
  actor: PullActor;
  input: PullInput & { limit?: number };
  now: number;
}

export type PullReply =
  | { id: number; ok: true; output: PullOutput }
  | { id: number; ok: false; code: ErrorCode | null; message: string };

interface Slot {
  worker: Worker;
  pending: Map<number, { resolve(output: PullOutput): void; reject(error: unknown): void }>;
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

  pull(actor: PullActor, input: PullJob['input'], now: Date): Promise<PullOutput> {
    const slot = this.#slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      slot.worker.postMessage({ id, actor, input, now: now.getTime() } satisfies PullJob);
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
      if (reply.ok) waiting.resolve(reply.output);
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
  return pool ? pool.pull(actor, input, deps.clock()) : pull(deps, actor, input);
}
