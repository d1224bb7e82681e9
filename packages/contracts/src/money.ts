import { z } from 'zod';

/** An amount in the currency's minor unit (cents for USD). Never a float. */
export const MinorUnits = z.number().int().nonnegative();

/** ISO 4217 currency code, lower case as Stripe writes it. */
export const Currency = z.string().regex(/^[a-z]{3}$/);

export type Currency = z.infer<typeof Currency>;
