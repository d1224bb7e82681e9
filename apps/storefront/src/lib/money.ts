import { formatMoney, parseMoney } from '@repo/contracts/browser';

/**
 * The diner's own money helpers: a modifier's price change, the tip's percentage and a typed tip.
 * Formatting and parsing amounts is shared with the console and the emails (`@repo/contracts`).
 */

/** "+$2.00" for a modifier's price change, empty when it costs nothing. */
export function formatDelta(minor: number, currency: string): string {
  if (minor === 0) return '';
  return `${minor > 0 ? '+' : '−'}${formatMoney(Math.abs(minor), currency)}`;
}

/** A percentage of an amount, rounded half up, as the tip buttons offer it. */
export function percentOf(amount: number, percent: number): number {
  return Math.floor((amount * percent + 50) / 100);
}

/** A custom tip typed such as "5", "5.5" or "5.50", in minor units (at most six whole digits); null if invalid. */
export function parseTip(text: string, currency: string): number | null {
  return parseMoney(text, currency, 6);
}
