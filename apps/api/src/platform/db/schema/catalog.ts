import type { OrderAcceptance, ParsedOpeningHours } from '@repo/contracts';
import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt } from './columns.ts';

// Restaurants and their menus.

export interface RestaurantTable {
  id: Generated<string>;
  slug: string;
  name: string;
  currency: string;
  tax_rate_ppm: number;
  prep_time_minutes: Generated<number>;
  delivery_enabled: Generated<boolean>;
  delivery_fee: Generated<number>;
  /** Minutes from ready to the diner's door, added to a delivery order's estimate. */
  delivery_time_minutes: Generated<number>;
  /** ISO 3166-1 alpha-2; delivery postal codes are checked against it. */
  country: Generated<string>;
  timezone: Generated<string>;
  order_acceptance: Generated<OrderAcceptance>;
  acceptance_window_minutes: Generated<number>;
  /** Weekly hours and closures in `timezone` (jsonb); null: open at every hour. */
  opening_hours: ColumnType<ParsedOpeningHours | null, string | null | undefined, string | null>;
  /** Online ordering is paused until then; null or past: not paused. */
  paused_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  phone: string | null;
  email: string | null;
  address: string | null;
  pos_endpoint_url: string | null;
  pos_signing_secret: string | null;
  /** The restaurant's storefront (origin and path, no trailing slash): where emails link the diner. */
  site_url: string | null;
  next_order_number: Generated<number>;
  /** Bumped by triggers on any change to the restaurant or its menu. */
  catalog_version: Generated<number>;
  created_at: CreatedAt;
}

export interface MenuCategoryTable {
  id: Generated<string>;
  restaurant_id: string;
  name: string;
  description: string | null;
  position: Generated<number>;
}

export interface MenuItemTable {
  id: Generated<string>;
  restaurant_id: string;
  category_id: string;
  name: string;
  description: string | null;
  price: number;
  available: Generated<boolean>;
  position: Generated<number>;
}

export interface ModifierGroupTable {
  id: Generated<string>;
  menu_item_id: string;
  name: string;
  min_select: number;
  max_select: number;
  position: Generated<number>;
}

export interface ModifierTable {
  id: Generated<string>;
  group_id: string;
  name: string;
  price_delta: Generated<number>;
  available: Generated<boolean>;
  position: Generated<number>;
}
