import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

// TURNOUT_WEB_OUT=/some/dir builds into /some/dir/build, with SvelteKit's working files
// in .svelte-kit-<dir name> (inside web/, where its packages resolve), so two builds of
// one checkout don't overwrite each other.
const out = process.env.TURNOUT_WEB_OUT;
const outName = out?.split('/').filter(Boolean).pop();

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    ...(out ? { outDir: `.svelte-kit-${outName}` } : {}),
    // A single-page app: the server (and offline, the service worker) answers
    // every navigation with index.html and the client router takes over.
    // Precompressed (.br, .gz) copies let the server send small files without compressing per request.
    adapter: adapter({
      fallback: 'index.html',
      precompress: true,
      ...(out ? { pages: `${out}/build`, assets: `${out}/build` } : {}),
    }),
  },
};

export default config;
