import { fractionDigits } from '@repo/contracts/browser';

/**
 * The console's own money helper. Formatting and parsing amounts is shared with the storefront and
 * the emails (`@repo/contracts`).
 */

/** An amount for an input's value: 1681 → "16.81" (USD), 500 → "500" (JPY). */
export function moneyInputValue(minor: number, currency: string): string {
  const digits = fractionDigits(currency);
  if (digits === 0) return String(minor);
  const whole = Math.floor(minor / 10 ** digits);
  const fraction = String(minor % 10 ** digits).padStart(digits, '0');
  return `${whole}.${fraction}`;
}
