/** Money in integer minor units of the restaurant's currency: formatting and parsing, never floats. */

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

/** An amount for an input's value: 1681 → "16.81" (USD), 500 → "500" (JPY). */
export function moneyInputValue(minor: number, currency: string): string {
  const digits = fractionDigits(currency);
  if (digits === 0) return String(minor);
  const whole = Math.floor(minor / 10 ** digits);
  const fraction = String(minor % 10 ** digits).padStart(digits, '0');
  return `${whole}.${fraction}`;
}

/** Parses a typed amount such as "5", "5.5" or "5.50" into minor units without floats; null if invalid. */
export function parseMoney(text: string, currency: string): number | null {
  const digits = fractionDigits(currency);
  const match = /^\s*(\d{1,7})(?:[.,](\d*))?\s*$/.exec(text);
  if (!match) return null;
  const typed = match[2] ?? '';
  if (typed.length > digits) return null;
  return Number(match[1]) * 10 ** digits + Number(typed.padEnd(digits, '0') || '0');
}
