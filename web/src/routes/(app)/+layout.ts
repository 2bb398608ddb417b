import { redirect } from '@sveltejs/kit';
import { loginUrl } from '$lib/navigation';
import { account } from '$lib/state/account.svelte';
import type { LayoutLoad } from './$types';

/** The app's own pages need a login; without one, go to login and come back afterwards. */
export const load: LayoutLoad = async ({ url, fetch }) => {
  await account.ensureLoaded(fetch);
  if (account.status === 'signedOut') redirect(307, loginUrl(url.pathname + url.search));
};
