import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/harness.js';

let server: TestServer;
let webDir: string;

beforeAll(async () => {
  webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'turnout-web-'));
  fs.mkdirSync(path.join(webDir, '_app/immutable/entry'), { recursive: true });
  fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>Turnout</title>');
  fs.writeFileSync(path.join(webDir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  fs.writeFileSync(path.join(webDir, 'manifest.webmanifest'), '{"name":"Turnout"}');
  fs.writeFileSync(path.join(webDir, '_app/immutable/entry/app.abc123.js'), 'console.log(1);');
  server = await startTestServer({ config: { webDir } });
});

afterAll(async () => {
  await server.close();
});

describe('one port for the API and the web app', () => {
  it('answers the health check', async () => {
    const res = await fetch(`${server.localUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('caches hashed assets for a year and revalidates the rest', async () => {
    const asset = await fetch(`${server.localUrl}/_app/immutable/entry/app.abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    for (const file of ['/', '/sw.js', '/manifest.webmanifest']) {
      const res = await fetch(`${server.localUrl}${file}`);
      expect(res.status, file).toBe(200);
      expect(res.headers.get('cache-control'), file).toBe('no-cache');
    }
    const manifest = await fetch(`${server.localUrl}/manifest.webmanifest`);
    expect(manifest.headers.get('content-type')).toBe('application/manifest+json');
  });

  it('answers app routes with index.html (the app routes on the device)', async () => {
    const res = await fetch(`${server.localUrl}/invite/ABCDE-FGHJK`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>Turnout</title>');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('never lets the API be cached', async () => {
    const res = await fetch(`${server.localUrl}/trpc/setup.status`);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});

describe('process lifecycle', () => {
  it('says plainly when the web app is not built', async () => {
    const bare = await startTestServer({ config: { webDir: path.join(webDir, 'missing') } });
    const res = await fetch(`${bare.localUrl}/`);
    expect(res.status).toBe(503);
    expect(await res.text()).toMatch(/pnpm build/);
    await bare.close();
  });

  it('stops cleanly on SIGTERM: exit code 0 and the database closed', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'turnout-proc-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve'], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        LOG_FORMAT: 'json',
        WEB_DIR: webDir,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
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
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toMatch(/Turnout stopped/);
    expect(fs.existsSync(path.join(dataDir, 'turnout.db'))).toBe(true);
    // A clean close checkpoints the write-ahead log and removes it.
    expect(fs.existsSync(path.join(dataDir, 'turnout.db-wal'))).toBe(false);
  });

  it('refuses to start with invalid configuration and says why', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve'], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: { ...process.env, PORT: 'eighty' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toMatch(/Invalid configuration:\n {2}- PORT: must be a number/);
  });
});
