import { describe, expect, it } from 'vitest';
import {
  currencyDigits,
  formatMoney,
  formatMoneyList,
  isKnownCurrency,
  minorToInput,
  parseMoney,
} from './manage-money';

describe('money', () => {
  it('knows how many minor units a currency has', () => {
    expect(currencyDigits('EUR')).toBe(2);
    expect(currencyDigits('JPY')).toBe(0);
    expect(currencyDigits('KWD')).toBe(3);
    expect(currencyDigits('nope')).toBe(2);
  });

  it('accepts only 3-letter codes Intl knows', () => {
    expect(isKnownCurrency('CHF')).toBe(true);
    expect(isKnownCurrency('chf')).toBe(false);
    expect(isKnownCurrency('EURO')).toBe(false);
  });

  it('formats minor units with the currency in the person’s language', () => {
    expect(formatMoney(8900, 'EUR', 'en')).toBe('€89.00');
    expect(formatMoney(8900, 'EUR', 'de')).toBe('89,00\u00a0€');
    expect(formatMoney(1500, 'JPY', 'en')).toBe('¥1,500');
    expect(formatMoneyList([], 'en')).toBe('');
    expect(
      formatMoneyList(
        [
          { currency: 'EUR', amountMinor: 12000 },
          { currency: 'USD', amountMinor: 4000 },
        ],
        'en',
      ),
    ).toBe('€120.00 · $40.00');
  });

  it('shows a stored price for editing in the person’s notation', () => {
    expect(minorToInput(8950, 'EUR', 'en')).toBe('89.50');
    expect(minorToInput(8950, 'EUR', 'de')).toBe('89,50');
    expect(minorToInput(1500, 'JPY', 'de')).toBe('1500');
  });

  it.each([
    ['89', 8900],
    ['89.5', 8950],
    ['89,50', 8950],
    ['0', 0],
    ['.5', 50],
    ['1,000', 100000],
    ['1.000', 100000],
    ['1,234.56', 123456],
    ['1.234,56', 123456],
    ['1 234,56', 123456],
    ['1.000.000', 100000000],
    // Three digits after a lone mark cannot be cents: they group thousands.
    ['1.234', 123400],
    ['89.999', 8999900],
  ])('reads "%s" as %i cents', (text, minor) => {
    expect(parseMoney(text, 'EUR')).toBe(minor);
  });

  it.each(['', 'abc', '-5', '12.345,6,7', '1,2,3', '8.9999', '1.23.4', '12,34.5', '€5'])(
    'refuses "%s" for euros',
    (text) => {
      expect(parseMoney(text, 'EUR')).toBeNull();
    },
  );

  it('follows the currency’s decimals', () => {
    expect(parseMoney('1500', 'JPY')).toBe(1500);
    expect(parseMoney('1.500', 'JPY')).toBe(1500);
    expect(parseMoney('15.5', 'JPY')).toBeNull();
    expect(parseMoney('1.250', 'KWD')).toBe(1250);
  });
});
