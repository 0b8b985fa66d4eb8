import { minorDigits, type CurrencyCode, type Minor } from './money';

const formatters = new Map<string, Intl.NumberFormat>();

/** Formats minor units for reading out, in the agent's locale ("€19.35", "19,35 €"). */
export function formatMoney(amount: Minor, currency: CurrencyCode, locale: string, opts: { signed?: boolean } = {}): string {
  const key = `${locale}|${currency}|${opts.signed ? 's' : ''}`;
  let f = formatters.get(key);
  if (!f) {
    const digits = minorDigits(currency);
    f = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
      ...(opts.signed ? { signDisplay: 'exceptZero' as const } : {}),
    });
    formatters.set(key, f);
  }
  // Division by a power of ten of an integer is exact enough for display at ≤ 15 digits.
  return f.format(amount / 10 ** minorDigits(currency));
}
