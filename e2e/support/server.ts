import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { setupToken } from './env';

/** The server package, whose CLI the tests run like an operator would. */
const serverDir = fileURLToPath(new URL('../../server', import.meta.url));
const tsx = fileURLToPath(new URL('../../server/node_modules/.bin/tsx', import.meta.url));

function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, ['src/cli.ts', ...args], {
      cwd: serverDir,
      env: { ...process.env, ...env, LOG_LEVEL: 'warn', TURNOUT_SETUP_TOKEN: undefined },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`turnout ${args.join(' ')}: ${code}\n${err}`)),
    );
  });
}

/**
 * A fresh one-time setup token for another club on the server using
 * `dataDir`: `turnout setup-link`, as docs/self-hosting.md tells operators
 * (the configured TURNOUT_SETUP_TOKEN creates only the first club).
 */
export async function newSetupToken(
  dataDir = process.env.TURNOUT_E2E_DATA_DIR ?? '',
): Promise<string> {
  if (!dataDir) throw new Error('TURNOUT_E2E_DATA_DIR is not set (see playwright.config.ts)');
  const out = await runCli(['setup-link'], { DATA_DIR: dataDir });
  const link = /https?:\/\/\S+/.exec(out)?.[0];
  const token = link ? new URL(link).searchParams.get('token') : null;
  if (!token) throw new Error(`No setup link in: ${out}`);
  return token;
}

export interface RunningServer {
  baseURL: string;
  /** The token that creates this server's first club. */
  setupToken: string;
  stop(): Promise<void>;
}

/**
 * Starts another Turnout server (its own port, data and web directory), for
 * a test that changes what is deployed. Stopped by its process id.
 */
export async function startServer(options: {
  port: number;
  dataDir: string;
  webDir: string;
  /** More environment, e.g. SMTP_URL, MAIL_FROM and PUBLIC_URL for a server that mails. */
  env?: NodeJS.ProcessEnv;
}): Promise<RunningServer> {
  const baseURL = `http://127.0.0.1:${options.port}`;
  const child: ChildProcess = spawn(tsx, ['src/cli.ts', 'serve'], {
    cwd: serverDir,
    env: {
      ...process.env,
      PORT: String(options.port),
      HOST: '127.0.0.1',
      DATA_DIR: options.dataDir,
      WEB_DIR: options.webDir,
      TURNOUT_SETUP_TOKEN: setupToken,
      BACKUP_HOUR: 'off',
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The server exited at start:\n${stderr}`);
    try {
      if ((await fetch(`${baseURL}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The server did not start within 30 s:\n${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { baseURL, setupToken, stop };
}
