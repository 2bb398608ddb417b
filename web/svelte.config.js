import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // A single-page app: the server (and offline, the service worker) answers
    // every navigation with index.html and the client router takes over.
    // Precompressed (.br, .gz) copies let the server send small files without compressing per request.
    adapter: adapter({ fallback: 'index.html', precompress: true }),
  },
};

export default config;
