import { taxFor } from '@repo/contracts/tax';

export interface EstimateInput {
  subtotal: number;
  taxRatePpm: number;
  tip: number;
  deliveryFee: number;
}

export interface Estimate {
  subtotal: number;
  tax: number;
  tip: number;
  deliveryFee: number;
  total: number;
}

/** The totals the diner sees before the API prices the order, by the API's own tax rule. */
export function estimateTotals({ subtotal, taxRatePpm, tip, deliveryFee }: EstimateInput): Estimate {
  const tax = taxFor(subtotal, taxRatePpm);
  return { subtotal, tax, tip, deliveryFee, total: subtotal + tax + tip + deliveryFee };
}
