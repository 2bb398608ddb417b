/**
 * Which languages the app offers, and which one it speaks (spec §2: the
 * club's `locales` are the languages offered for the UI). Pure, so the rule
 * is tested apart from the stores that apply it.
 */

/**
 * The app's languages the club offers, in the club's order. Before login,
 * without a club, or when the club lists none of the app's languages (a club
 * may keep template names in languages the app is not translated into),
 * everything the app has.
 */
export function offeredLocales<L extends string>(
  appLocales: readonly L[],
  clubLocales: readonly string[] | null,
): L[] {
  const offered = (clubLocales ?? []).flatMap((code) => {
    const language = code.trim().toLowerCase().split(/[-_]/)[0];
    return appLocales.filter((l) => l === language);
  });
  const unique = [...new Set(offered)];
  return unique.length > 0 ? unique : [...appLocales];
}

/**
 * The language the app speaks: the person's (saved, or the browser's) when
 * it is offered, otherwise the club's first offered language.
 */
export function spokenLocale<L extends string>(preferred: L, offered: readonly L[]): L {
  return offered.includes(preferred) ? preferred : (offered[0] ?? preferred);
}
