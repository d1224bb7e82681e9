import { z } from 'zod';
import { Currency, MinorUnits } from './money.ts';
import { OrderAcceptance } from './status.ts';

export const Modifier = z.object({
  id: z.uuid(),
  name: z.string(),
  price_delta: z.number().int(),
  available: z.boolean(),
});

export const ModifierGroup = z.object({
  id: z.uuid(),
  name: z.string(),
  /** The diner must choose at least this many. A group with min >= 1 is required. */
  min: z.number().int().nonnegative(),
  max: z.number().int().positive(),
  modifiers: z.array(Modifier),
});

export const MenuItem = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  price: MinorUnits,
  available: z.boolean(),
  modifier_groups: z.array(ModifierGroup),
});

export const MenuCategory = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  items: z.array(MenuItem),
});

/** `GET /api/clients/:slug/menu`: everything a storefront needs to render and estimate. */
export const Menu = z
  .object({
    restaurant: z.object({
      slug: z.string(),
      name: z.string(),
      phone: z.string().nullable(),
      address: z.string().nullable(),
      timezone: z.string(),
      /** ISO 3166-1 alpha-2: delivery addresses and their postal codes are of this country. */
      country: z.string(),
      /** `manual`: the card is charged when the restaurant accepts the order. */
      order_acceptance: OrderAcceptance,
      /** How long a manual restaurant has to accept an order before it is rejected. */
      acceptance_window_minutes: z.number().int().positive(),
    }),
    currency: Currency,
    /** Fraction, e.g. 0.08875 for 8.875 %; `taxRateToPpm` turns it back into what `taxFor` takes. */
    tax_rate: z.number().min(0).max(1),
    prep_time_minutes: z.number().int().nonnegative(),
    /** `minutes`: how long a delivery takes once the order is ready, added to its estimate. */
    delivery: z.object({ enabled: z.boolean(), fee: MinorUnits, minutes: z.number().int().nonnegative() }),
    stripe: z.object({ publishable_key: z.string(), livemode: z.boolean() }),
    categories: z.array(MenuCategory),
  })
  .meta({ id: 'Menu' });

export type Modifier = z.infer<typeof Modifier>;
export type ModifierGroup = z.infer<typeof ModifierGroup>;
export type MenuItem = z.infer<typeof MenuItem>;
export type MenuCategory = z.infer<typeof MenuCategory>;
export type Menu = z.infer<typeof Menu>;
