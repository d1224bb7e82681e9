/**
 * Money and times as people read them: the diner's pages, the staff console and the API's emails
 * all show amounts and the restaurant's times this one way. Nothing here imports zod, so the sites
 * bundle it from `@repo/contracts/browser` without the schemas.
 */

const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(currency: string): Intl.NumberFormat {
  let format = moneyFormats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() });
    moneyFormats.set(currency, format);
  }
  return format;
}

/** How many digits the currency's minor unit has: 2 for USD (cents), 0 for JPY. */
export function fractionDigits(currency: string): number {
  return moneyFormat(currency).resolvedOptions().maximumFractionDigits ?? 2;
}

/** An amount in minor units as the reader expects it: 1495 USD → "$14.95", 1234 JPY → "¥1,234". */
export function formatMoney(minor: number, currency: string): string {
  return moneyFormat(currency).format(minor / 10 ** fractionDigits(currency));
}

/**
 * Parses a typed amount such as "5", "5.5", "5,50" or "5.50" into minor units without floats; null
 * when it is not an amount of the currency or has more than `wholeDigits` digits before the point.
 */
export function parseMoney(text: string, currency: string, wholeDigits = 7): number | null {
  const digits = fractionDigits(currency);
  const match = new RegExp(`^\\s*(\\d{1,${wholeDigits}})(?:[.,](\\d*))?\\s*$`).exec(text);
  if (!match) return null;
  const typed = match[2] ?? '';
  if (typed.length > digits) return null;
  return Number(match[1]) * 10 ** digits + Number(typed.padEnd(digits, '0') || '0');
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** A date and time format on the clock of `timeZone`, made once and reused. */
export function zoneFormat(
  timeZone: string,
  options: Intl.DateTimeFormatOptions,
  locale = 'en-US',
): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let format = timeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { timeZone, ...options });
    timeFormats.set(key, format);
  }
  return format;
}

/**
 * "Fri, Dec 4, 5:15 PM EST": a moment on the restaurant's clock with its zone named, so that a
 * reader in another zone (a diner's phone, a tablet set elsewhere, an email read abroad) is not
 * misled. Accepts an ISO 8601 string, epoch milliseconds or a Date.
 */
export function dateTime(at: string | number | Date, timeZone: string): string {
  return zoneFormat(timeZone, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(at));
}

/** The restaurant's calendar day of a moment, as `YYYY-MM-DD`. */
export function zoneDay(at: Date | number, timeZone: string): string {
  return zoneFormat(timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' }, 'en-CA').format(at);
}
