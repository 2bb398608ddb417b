import { spawn, type ChildProcess } from 'node:child_process';
import { buildServer } from '../scripts/build.js';
import fs from 'node:fs';
import path from 'node:path';

const serverRoot = path.resolve(import.meta.dirname, '..');

/**
 * The load bench's server: its own Node process (as in production, so its
 * memory can be read from /proc and the simulated devices do not share its
 * event loop) on the data dir the bench built, listening on loopback only.
 */
export class ServerProcess {
  private constructor(
    readonly child: ChildProcess,
    readonly url: string,
    private readonly output: () => string,
  ) {}

  static async start(dataDir: string): Promise<ServerProcess> {
    // The production build, as `pnpm start` runs it (plain Node, bundled), with the bench's entry.
    await buildServer(['bench/load-server.entry.ts']);
    const child = spawn(
      process.execPath,
      [
        // As `pnpm start` runs it (a smaller young generation: docs/decisions.md, "Memory").
        '--max-semi-space-size=4',
        '--heap-growing-percent=50',
        // e.g. LOAD_SERVER_NODE_ARGS=--cpu-prof to profile the server under load.
        ...(process.env.LOAD_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean),
        path.join('dist', 'load-server.entry.mjs'),
      ],
      {
        cwd: serverRoot,
        env: {
          ...process.env,
          PORT: '0',
          HOST: '127.0.0.1',
          DATA_DIR: dataDir,
          LOG_LEVEL: 'error',
          BACKUP_HOUR: 'off',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const match = /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (match) {
          clearInterval(timer);
          resolve(match[1]!);
        }
      }, 20);
      child.once('exit', () => {
        clearInterval(timer);
        reject(new Error(`load server exited early:\n${output}`));
      });
    });
    return new ServerProcess(child, url, () => output);
  }

  /** What the server printed (errors are logged at level error). */
  get log(): string {
    return this.output();
  }

  /** Resident memory now and at its peak (VmHWM), in MB. */
  memory(): { rssMb: number; peakMb: number } {
    const status = fs.readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1]);
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  }

  /** CPU seconds used so far (user + system, all threads). */
  cpuSeconds(): number {
    const stat = fs.readFileSync(`/proc/${this.child.pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces), from field 3 on.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  }

  /** Main thread (where the JavaScript runs): ms on a CPU and ms runnable but waiting for one. */
  schedule(): Schedule {
    return scheduleOf(this.child.pid!);
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      child.kill('SIGTERM');
    });
  }
}

/** Samples the server's resident memory every 250 ms; keeps the largest, overall and per phase. */
export class MemorySampler {
  maxRssMb = 0;
  phaseMaxRssMb = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(private readonly server: ServerProcess) {}

  start(): void {
    this.#timer = setInterval(() => this.sample(), 250);
  }

  sample(): void {
    try {
      const { rssMb } = this.server.memory();
      this.maxRssMb = Math.max(this.maxRssMb, rssMb);
      this.phaseMaxRssMb = Math.max(this.phaseMaxRssMb, rssMb);
    } catch {
      // The process has just exited: nothing to read.
    }
  }

  stop(): void {
    clearInterval(this.#timer);
    this.sample();
  }
}

export interface Schedule {
  runMs: number;
  waitMs: number;
}

/**
 * From /proc/<pid>/schedstat: time on a CPU and time ready to run but waiting
 * for one. On a shared machine the second tells how much of a slowdown was
 * other people's work rather than the process's own.
 */
export function scheduleOf(pid: number | 'self'): Schedule {
  const [run, wait] = fs.readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ').map(Number);
  return { runMs: run! / 1e6, waitMs: wait! / 1e6 };
}
