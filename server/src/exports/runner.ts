import { Worker } from 'node:worker_threads';
import { workerScript } from '../workers/bundle.js';
import type { ExportJob, MainMessage, WorkerMessage } from './job.js';

/**
 * The main thread's side of an export: starts a worker (exports/worker.ts)
 * for one file and hands its chunks to a destination (the HTTP response),
 * acknowledging each chunk only once the destination took it, so the
 * worker never runs far ahead of a slow client.
 */

/** Where the file goes: the HTTP response, in the server. */
interface ExportDestination {
  /** The first chunk is ready: the file will follow (send the headers now). */
  begin(): void;
  /** Like `stream.write`: false means wait for `onDrain` before more. */
  write(bytes: Uint8Array): boolean;
  onDrain(resume: () => void): void;
  /** The whole file was written. */
  end(): void;
}

interface RunningExport {
  /** Settles when the worker has stopped: the file was sent whole, or rejects why not. */
  finished: Promise<void>;
  /** Stops the worker (the client went away); `finished` then rejects. */
  cancel(): void;
}

export class ExportFailed extends Error {
  constructor(
    message: string,
    /** Whether any of the file had been sent (so no error answer can follow). */
    readonly begun: boolean,
  ) {
    super(message);
    this.name = 'ExportFailed';
  }
}

/** Starts a worker for the job (exports/worker.ts, bundled by workers/bundle.ts). */
export async function startExport(
  job: ExportJob,
  destination: ExportDestination,
): Promise<RunningExport> {
  const worker = new Worker(await workerScript(new URL('./worker.ts', import.meta.url)), {
    eval: true,
    workerData: { job },
  });
  let begun = false;
  let done = false;
  let cancelled = false;
  let failure: ExportFailed | undefined;

  const finished = new Promise<void>((resolve, reject) => {
    const ack = () => {
      if (!done) worker.postMessage({ type: 'ack' } satisfies MainMessage);
    };
    worker.on('message', (message: WorkerMessage) => {
      if (done || cancelled) return;
      if (message.type === 'chunk') {
        if (!begun) {
          begun = true;
          destination.begin();
        }
        if (destination.write(message.bytes)) ack();
        else destination.onDrain(ack);
      } else if (message.type === 'end') {
        done = true;
        if (!begun) destination.begin();
        begun = true;
        destination.end();
        void worker.terminate();
      } else {
        failure = new ExportFailed(message.error, begun);
        void worker.terminate();
      }
    });
    worker.on('error', (error) => {
      failure ??= new ExportFailed(error.stack ?? error.message, begun);
    });
    worker.on('exit', () => {
      if (done) resolve();
      else if (cancelled) reject(new ExportFailed('the export was cancelled', begun));
      else reject(failure ?? new ExportFailed('the export worker stopped', begun));
      done = true;
    });
  });

  return {
    finished,
    cancel() {
      if (done) return;
      cancelled = true;
      void worker.terminate();
    },
  };
}

/**
 * How many exports run at once on this server. Each is a thread reading the
 * whole club; on a small machine two keep a core for the server itself, and
 * a third request is told to come back (`busy`, Retry-After) rather than
 * queued behind a download that may take minutes.
 */
export class ExportSlots {
  #running = 0;

  constructor(readonly size: number) {}

  get running(): number {
    return this.#running;
  }

  /** A slot, with its release (safe to call twice), or undefined when all are taken. */
  take(): (() => void) | undefined {
    if (this.#running >= this.size) return undefined;
    this.#running += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#running -= 1;
    };
  }
}
