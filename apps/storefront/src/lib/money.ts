/** Money in integer minor units: formatting and parsing for the diner, and the tip's percentage. */

const formatters = new Map<string, Intl.NumberFormat>();

function formatterFor(currency: string): Intl.NumberFormat {
  let formatter = formatters.get(currency);
  if (!formatter) {
    formatter = new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() });
    formatters.set(currency, formatter);
  }
  return formatter;
}

export function fractionDigits(currency: string): number {
  return formatterFor(currency).resolvedOptions().maximumFractionDigits ?? 2;
}

export function formatMoney(minor: number, currency: string): string {
  return formatterFor(currency).format(minor / 10 ** fractionDigits(currency));
}

/** "+$2.00" for a modifier's price change, empty when it costs nothing. */
export function formatDelta(minor: number, currency: string): string {
  if (minor === 0) return '';
  return `${minor > 0 ? '+' : '−'}${formatMoney(Math.abs(minor), currency)}`;
}

/** A percentage of an amount, rounded half up, as the tip buttons offer it. */
export function percentOf(amount: number, percent: number): number {
  return Math.floor((amount * percent + 50) / 100);
}

/** Parses a typed amount such as "5", "5.5" or "5.50" into minor units without floats; null if invalid. */
export function parseMoney(text: string, currency: string): number | null {
  const digits = fractionDigits(currency);
  const match = /^\s*(\d{1,6})(?:[.,](\d*))?\s*$/.exec(text);
  if (!match) return null;
  const fraction = (match[2] ?? '').slice(0, digits).padEnd(digits, '0');
  if ((match[2] ?? '').length > digits) return null;
  return Number(match[1]) * 10 ** digits + Number(fraction || '0');
}
