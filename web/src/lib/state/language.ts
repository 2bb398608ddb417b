import { api, attempt } from '$lib/api';
import { setLocale, type Locale } from '$lib/i18n';
import { kiosk } from '$lib/kiosk/mode.svelte';
import { account } from './account.svelte';

/**
 * The language picked in the footer. On this device at once; and when the
 * person logged in chose a language on their profile, that choice follows,
 * or the next login check would switch the app back. Not at a kiosk: the
 * people at the door are not the account logged in there.
 */
export function chooseLanguage(next: Locale): void {
  setLocale(next);
  const me = account.me;
  if (kiosk.active || !me?.user.locale || me.user.locale === next) return;
  void attempt(() => api.account.updateProfile.mutate({ locale: next })).then((result) => {
    if (result.ok) account.signedIn({ ...me, user: { ...me.user, locale: next } });
  });
}
