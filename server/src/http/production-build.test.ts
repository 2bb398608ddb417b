import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildServer } from '../../scripts/build.js';

/**
 * What `pnpm demo` and `pnpm start` run: the bundled server in dist/ with
 * plain Node (no tsx), its pull worker read from the prebuilt bundle beside
 * it. Started as an operator would, then a member logs in and pulls.
 */
describe('the production build', () => {
  it('serves the demo club with plain Node, pulls answered by its worker thread', async () => {
    const serverDir = path.resolve(import.meta.dirname, '../..');
    await buildServer(['src/cli.ts']);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'turnout-built-'));
    const child = spawn(process.execPath, ['dist/cli.mjs', 'demo'], {
      cwd: serverDir,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        LOG_FORMAT: 'json',
        PULL_WORKERS: '1',
        BACKUP_HOUR: 'off',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setInterval(() => {
          const match = /running at (http:\/\/\S+)/.exec(output);
          if (match) {
            clearInterval(timer);
            resolve(match[1]!);
          }
        }, 50);
        child.once('exit', () => reject(new Error(`server exited early:\n${output}`)));
      });
      const login = await fetch(`${url}/trpc/auth.login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: url },
        body: JSON.stringify({ email: 'mia@demo.turnout.test', password: 'turnout-demo' }),
      });
      expect(login.status).toBe(200);
      const me = (await login.json()) as { result: { data: { clubs: { clubId: string }[] } } };
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const clubId = me.result.data.clubs[0]!.clubId;
      const pulled = await fetch(
        `${url}/trpc/sync.pull?input=${encodeURIComponent(JSON.stringify({ clubId }))}`,
        { headers: { cookie, origin: url } },
      );
      expect(pulled.status).toBe(200);
      const page = (await pulled.json()) as {
        result: { data: { reset: boolean; changes: { sessions?: { put: unknown[] } } } };
      };
      expect(page.result.data.reset).toBe(true);
      expect(page.result.data.changes.sessions?.put.length).toBeGreaterThan(0);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
