import { mkdir, readdir, rename } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

// The dev server forwards API calls to a locally running Turnout server.
const apiTarget = process.env.TURNOUT_API ?? 'http://127.0.0.1:3000';
// TURNOUT_WEB_OUT (svelte.config.js): SvelteKit works in .svelte-kit-<dir name>; the
// service worker must be generated there too, or it never reaches that build.
const outName = process.env.TURNOUT_WEB_OUT?.split('/').filter(Boolean).pop();

/**
 * With TURNOUT_WEB_OUT, moves the generated worker (sw.js, workbox-*.js) from the
 * server output to the client output, as @vite-pwa/sveltekit does only for the
 * default `.svelte-kit`; the adapter then copies it into the build.
 */
function workerIntoBuild(name: string | undefined): Plugin[] {
  if (!name) return [];
  const output = fileURLToPath(new URL(`./.svelte-kit-${name}/output/`, import.meta.url));
  return [
    {
      name: 'turnout:worker-into-build',
      apply: 'build',
      // After the PWA plugin's own step (also `pre`, listed before) and before the adapter.
      enforce: 'pre',
      closeBundle: {
        sequential: true,
        async handler() {
          const files = await readdir(`${output}server`).catch(() => [] as string[]);
          for (const file of files.filter((f) => f === 'sw.js' || /^workbox-.+\.js$/.test(f))) {
            await mkdir(`${output}client`, { recursive: true });
            await rename(`${output}server/${file}`, `${output}client/${file}`);
          }
        },
      },
    },
  ];
}

export default defineConfig({
  plugins: [
    sveltekit(),
    SvelteKitPWA({
      registerType: 'prompt',
      injectRegister: false,
      // SvelteKit builds with relative paths; without these the app registers
      // `./sw.js` relative to the page, so on a deep link (/sessions/<id>,
      // /invite/<code>) the worker is not found and updates are never noticed.
      base: '/',
      scope: '/',
      manifest: {
        name: 'Turnout',
        short_name: 'Turnout',
        description: 'Sessions, sign-ups and check-in for your club — works offline.',
        theme_color: '#0f766e',
        background_color: '#ffffff',
        display: 'standalone',
        start_url: '/',
        scope: '/',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          {
            src: '/icons/icon-maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
      workbox: {
        // Web push: showing a notification and opening its page on click (static/push-sw.js).
        importScripts: ['push-sw.js'],
        // wasm: the QR reader hosts scan codes with, precached so scanning works offline.
        globPatterns: ['client/**/*.{js,css,ico,png,svg,webmanifest,woff2,wasm}'],
        // Every navigation offline is answered with the precached SPA page below.
        navigateFallback: 'index.html',
        // Server paths: the API, the health check and the owner's export downloads.
        navigateFallbackDenylist: [
          /^\/trpc/,
          /^\/healthz/,
          /^\/exports\//,
          /^\/calendar\/[^/]+\.ics$/,
          // Unsubscribe links in mail: the server's page, online only.
          /^\/unsubscribe\//,
        ],
      },
      // adapter-static writes the SPA page (index.html) after the bundle: name it so the
      // plugin adds it to the precache; without it the app does not open offline.
      kit: {
        adapterFallback: 'index.html',
        spa: { fallbackMapping: 'index.html' },
        ...(outName ? { outDir: `.svelte-kit-${outName}` } : {}),
      },
    }),
    ...workerIntoBuild(outName),
  ],
  build: {
    // No <link rel="modulepreload"> per chunk when a page's code is imported: the app opens
    // from the service worker's cache, where finding the chunks through their imports costs
    // little, while adding some forty links was a third of the start-up task on a phone
    // (Lighthouse's Total Blocking Time). A page's CSS is still added before it is shown.
    modulePreload: { resolveDependencies: () => [] },
  },
  server: {
    proxy: {
      '/trpc': apiTarget,
      '/healthz': apiTarget,
      '/exports': apiTarget,
      // Calendar feeds (the app's own /calendar page stays with the dev server).
      '^/calendar/[^/]+\\.ics$': apiTarget,
      '/unsubscribe': apiTarget,
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
  },
});
