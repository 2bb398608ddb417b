/**
 * Money on the organizer's screens: stored as integer minor units with an
 * ISO 4217 currency, shown with Intl currency formatting and entered as a
 * decimal in the person's own notation ("12.50", "12,50", "1.234,50").
 */

/** How many minor units a currency has (EUR 2, JPY 0, KWD 3); 2 for a code Intl does not know. */
export function currencyDigits(currency: string): number {
  try {
    const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits;
    return digits ?? 2;
  } catch {
    return 2;
  }
}

/** Whether Intl knows the code well enough to format it (a 3-letter code it accepts). */
export function isKnownCurrency(currency: string): boolean {
  if (!/^[A-Z]{3}$/.test(currency)) return false;
  try {
    new Intl.NumberFormat('en', { style: 'currency', currency });
    return true;
  } catch {
    return false;
  }
}

/** "€12.50" / "12,50 €"; an unknown code falls back to "12.50 XYZ". */
export function formatMoney(minor: number, currency: string, locale: string): string {
  const digits = currencyDigits(currency);
  const amount = minor / 10 ** digits;
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount.toFixed(digits)} ${currency}`;
  }
}

/** The decimal separator of a language ("." in English, "," in German). */
function decimalSeparator(locale: string): string {
  return (
    new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.'
  );
}

/** A stored amount as the price field shows it for editing: 1250 EUR → "12.50" (or "12,50"). */
export function minorToInput(minor: number, currency: string, locale: string): string {
  const digits = currencyDigits(currency);
  const text = (minor / 10 ** digits).toFixed(digits);
  return digits === 0 ? text : text.replace('.', decimalSeparator(locale));
}

/**
 * A typed price in minor units, or null when it is not a non-negative
 * amount with at most the currency's number of decimals. Either "." or ","
 * may be the decimal mark. When both appear, the last one is the decimal
 * mark and the other groups thousands; one kind appearing several times
 * groups thousands ("1.000.000"); a single mark followed by exactly three
 * digits groups thousands when the currency has fewer decimals than three
 * ("1,000" = one thousand euros), otherwise it is the decimal mark.
 */
export function parseMoney(text: string, currency: string): number | null {
  const digits = currencyDigits(currency);
  const compact = text.replace(/[\s\u00a0\u202f']/g, '');
  if (!/^[\d.,]+$/.test(compact) || !/\d/.test(compact)) return null;
  const grouped = (s: string, mark: string) => new RegExp(`^\\d{1,3}(\\${mark}\\d{3})+$`).test(s);
  const dots = compact.split('.').length - 1;
  const commas = compact.split(',').length - 1;
  let whole = compact;
  let fraction = '';
  if (dots > 0 && commas > 0) {
    const mark = compact.lastIndexOf('.') > compact.lastIndexOf(',') ? '.' : ',';
    const group = mark === '.' ? ',' : '.';
    if (compact.split(mark).length - 1 > 1) return null;
    const at = compact.lastIndexOf(mark);
    const head = compact.slice(0, at);
    if (!grouped(head, group)) return null;
    whole = head.replaceAll(group, '');
    fraction = compact.slice(at + 1);
  } else if (dots + commas > 0) {
    const mark = dots > 0 ? '.' : ',';
    const at = compact.indexOf(mark);
    const tail = compact.slice(at + 1);
    if (dots + commas > 1 || (tail.length === 3 && digits < 3 && at > 0 && at <= 3)) {
      if (!grouped(compact, mark)) return null;
      whole = compact.replaceAll(mark, '');
    } else {
      whole = compact.slice(0, at) || '0';
      fraction = tail;
    }
  }
  if (!/^\d+$/.test(whole) || !/^\d*$/.test(fraction)) return null;
  if (fraction.length > digits) return null;
  const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  return Number.isSafeInteger(minor) ? minor : null;
}

/** Sums per currency, as the reports list them: "€120.00 · $40.00"; empty = nothing. */
export function formatMoneyList(
  items: readonly { currency: string; amountMinor: number }[],
  locale: string,
): string {
  return items.map((m) => formatMoney(m.amountMinor, m.currency, locale)).join(' · ');
}
