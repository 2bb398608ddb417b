import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import type { CheckpointJob } from './checkpointer.js';

/**
 * The checkpoint worker (checkpointer.ts): copies the WAL's committed
 * frames into the database file on its own thread and connection, so the
 * disk work and its fsyncs never run inside a COMMIT on the server's main
 * thread. Runs bundled (workers/bundle.ts).
 */
const { file, everyMs } = workerData as CheckpointJob;
const sqlite = new SQLite(file, { fileMustExist: true });
// This connection only checkpoints; it never writes a transaction of its own.
sqlite.pragma('wal_autocheckpoint = 0');
const dataVersion = sqlite.prepare('PRAGMA data_version').pluck();
const checkpoint = sqlite.prepare('PRAGMA wal_checkpoint(PASSIVE)');
let seen = -1;

/** PASSIVE: copies what no reader still needs and never waits for or blocks a writer. */
function step(): void {
  // data_version moves when another connection commits: nothing new, nothing to copy.
  const version = dataVersion.get() as number;
  if (version === seen) return;
  seen = version;
  checkpoint.run();
}

const timer = setInterval(() => {
  try {
    step();
  } catch (error) {
    // A failed checkpoint loses nothing (the frames stay in the WAL); the next one tries again.
    parentPort?.postMessage({ failed: error instanceof Error ? error.message : String(error) });
  }
}, everyMs);

parentPort?.on('message', (message: 'close') => {
  if (message !== 'close') return;
  clearInterval(timer);
  sqlite.close();
  parentPort?.close();
});
