import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/harness.js';
import { appContentSecurityPolicy } from './security-headers.js';

const bootScript = '\n  window.started = true;\n';
const bootStyle = '\n  #boot { display: grid; }\n';
const indexHtml = `<!doctype html><html><head><title>Turnout</title>
<style>${bootStyle}</style>
<script type="module" src="/_app/immutable/entry/app.abc123.js"></script>
</head><body><div style="display: contents"><script>${bootScript}</script></div></body></html>`;
const announcerStyle = 'position: absolute; width: 1px';
// A bundle as Svelte writes it: a template with a fixed style attribute, and code that sets one.
const bundle = `var t=h(\`<div id="announcer" style="${announcerStyle}"></div>\`);el.setAttribute("style",x);var u=\`<p style="color: \${c}">\`;`;

const hashOf = (content: string) =>
  `'sha256-${createHash('sha256').update(content).digest('base64')}'`;

/** The directives of a policy, each a list of its sources. */
function directives(policy: string | null): Map<string, string[]> {
  expect(policy).toBeTruthy();
  return new Map(
    policy!.split(';').map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name!, sources];
    }),
  );
}

let webDir: string;
const servers: TestServer[] = [];

async function serverWith(publicUrl?: string): Promise<TestServer> {
  const server = await startTestServer({ config: { webDir, publicUrl } });
  servers.push(server);
  return server;
}

beforeAll(() => {
  webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'turnout-web-'));
  fs.mkdirSync(path.join(webDir, '_app/immutable/entry'), { recursive: true });
  fs.writeFileSync(path.join(webDir, 'index.html'), indexHtml);
  fs.writeFileSync(path.join(webDir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  fs.writeFileSync(path.join(webDir, '_app/immutable/entry/app.abc123.js'), bundle);
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

describe("the web app's Content-Security-Policy", () => {
  it('allows exactly the inline script and styles of the build, by hash', () => {
    const policy = directives(appContentSecurityPolicy(indexHtml, [bundle]));
    expect(policy.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'", hashOf(bootScript)]);
    expect(policy.get('style-src')).toEqual(["'self'", hashOf(bootStyle)]);
    expect(policy.get('style-src-attr')).toEqual([
      "'unsafe-hashes'",
      hashOf('display: contents'),
      hashOf(announcerStyle),
    ]);
  });

  it('names no style-src-attr when the build has no style attributes', () => {
    const policy = directives(appContentSecurityPolicy('<p>plain</p>', ['console.log(1)']));
    expect(policy.has('style-src-attr')).toBe(false);
    expect(policy.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
  });

  it('changes with the page: a new build brings new hashes', () => {
    const rebuilt = indexHtml.replace('window.started = true', 'window.started = 2');
    const policy = directives(appContentSecurityPolicy(rebuilt));
    expect(policy.get('script-src')).not.toContain(hashOf(bootScript));
    expect(policy.get('script-src')).toHaveLength(3);
  });

  it('is sent with the page, deep links and the service worker, never with unsafe-inline', async () => {
    const server = await serverWith();
    for (const file of ['/', '/invite/ABCDE-FGHJK', '/sw.js']) {
      const res = await fetch(`${server.localUrl}${file}`);
      expect(res.status, file).toBe(200);
      const policy = res.headers.get('content-security-policy');
      expect(policy, file).toBe(appContentSecurityPolicy(indexHtml, [bundle]));
      // 'wasm-unsafe-eval' (compiling WebAssembly) is allowed; evaluating JavaScript never is.
      expect(policy, file).not.toMatch(/unsafe-inline|'unsafe-eval'/);
    }
    const policy = directives(
      (await fetch(`${server.localUrl}/`)).headers.get('content-security-policy'),
    );
    expect(Object.fromEntries(policy)).toMatchObject({
      'default-src': ["'self'"],
      'img-src': ["'self'", 'data:', 'blob:'],
      'connect-src': ["'self'"],
      'worker-src': ["'self'"],
      'manifest-src': ["'self'"],
      'frame-ancestors': ["'none'"],
      'base-uri': ["'self'"],
      'form-action': ["'self'"],
      'object-src': ["'none'"],
    });
  });

  it('gives the API and the health check a policy that allows nothing', async () => {
    const server = await serverWith();
    for (const file of ['/trpc/setup.status', '/healthz']) {
      const res = await fetch(`${server.localUrl}${file}`);
      expect(res.headers.get('content-security-policy'), file).toBe(
        "default-src 'none'; frame-ancestors 'none'",
      );
    }
  });
});

describe('the other security headers', () => {
  it('switches off browser features the app does not use, on every answer', async () => {
    const server = await serverWith();
    for (const file of ['/', '/trpc/setup.status']) {
      const res = await fetch(`${server.localUrl}${file}`);
      const policy = res.headers.get('permissions-policy') ?? '';
      // The camera only for the app's own pages (hosts scan check-in codes).
      expect(policy, file).toContain('camera=(self)');
      expect(policy, file).toContain('microphone=()');
      expect(policy, file).toContain('geolocation=()');
      expect(res.headers.get('x-frame-options'), file).toBe('DENY');
      expect(res.headers.get('x-content-type-options'), file).toBe('nosniff');
    }
  });

  it('sends Strict-Transport-Security only when PUBLIC_URL is https', async () => {
    const cases: [string | undefined, string | null][] = [
      [undefined, null],
      ['http://club.example.org', null],
      ['https://club.example.org', 'max-age=31536000'],
    ];
    for (const [publicUrl, expected] of cases) {
      const server = await serverWith(publicUrl);
      for (const file of ['/', '/trpc/setup.status']) {
        const res = await fetch(`${server.localUrl}${file}`);
        expect(res.headers.get('strict-transport-security'), `${publicUrl} ${file}`).toBe(expected);
      }
    }
  });
});
