import { redirect } from '@sveltejs/kit';
import { base } from '$app/paths';
import { kiosk, kioskAllows } from '$lib/kiosk/mode.svelte';
import type { LayoutLoad } from './$types';

// A single-page app: everything renders on the device (it must work offline).
export const ssr = false;
export const prerender = false;

/**
 * A kiosk can do nothing else (spec §9.2): while kiosk mode is on, every
 * page but the kiosk leads back to it — typed URLs, links, reloads alike.
 * Leaving takes the PIN, on the kiosk page.
 */
export const load: LayoutLoad = ({ url }) => {
  kiosk.reload();
  if (kiosk.active && !kioskAllows(url.pathname, base)) redirect(307, `${base}/kiosk`);
};
