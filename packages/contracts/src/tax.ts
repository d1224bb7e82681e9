/**
 * Tax arithmetic shared by the API, which charges it, and the storefront, which estimates it. This
 * module imports nothing, so a browser bundle can take it through `@repo/contracts/tax` without zod.
 */

const PPM = 1_000_000;

/**
 * Tax on a subtotal in minor units: subtotal × rate, rounded half up, in integer arithmetic.
 * The rate is in parts per million (88_750 for 8.875 %), as restaurants store it.
 */
export function taxFor(subtotal: number, taxRatePpm: number): number {
  return Math.floor((subtotal * taxRatePpm + PPM / 2) / PPM);
}

/** The menu's `tax_rate` fraction (0.08875) back in parts per million (88_750), undoing float error. */
export function taxRateToPpm(taxRate: number): number {
  return Math.round(taxRate * PPM);
}
