import { account } from '$lib/state/account.svelte';
import type { LayoutLoad } from './$types';

/** The kiosk acts under the host's login on this device: know who that is first. */
export const load: LayoutLoad = async ({ fetch }) => {
  await account.ensureLoaded(fetch);
};
