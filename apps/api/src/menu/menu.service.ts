import type { Menu, MenuCategory, MenuItem } from '@repo/contracts';
import type { Executor } from '../platform/db/database.ts';
import type { Restaurant } from '../platform/db/schema.ts';
import { NotFoundError } from '../platform/errors.ts';
import { findRestaurantBySlug } from '../restaurants/restaurants.repository.ts';
import { loadMenuRows, type MenuRows } from './menu.repository.ts';

export interface StripePublicInfo {
  publishableKey: string;
  livemode: boolean;
}

/** The live menu as nested categories → items → modifier groups → modifiers. */
export async function loadCategories(db: Executor, restaurantId: string): Promise<MenuCategory[]> {
  return nestMenu(await loadMenuRows(db, restaurantId));
}

/** Nests the menu's flat rows: categories → items → modifier groups → modifiers. */
export function nestMenu(rows: MenuRows): MenuCategory[] {
  const items = rows.items.map((item): MenuItem & { category_id: string } => ({
    id: item.id,
    category_id: item.category_id,
    name: item.name,
    description: item.description,
    price: item.price,
    available: item.available,
    modifier_groups: rows.groups
      .filter((group) => group.menu_item_id === item.id)
      .map((group) => ({
        id: group.id,
        name: group.name,
        min: group.min_select,
        max: group.max_select,
        modifiers: rows.modifiers
          .filter((modifier) => modifier.group_id === group.id)
          .map(({ id, name, price_delta, available }) => ({ id, name, price_delta, available })),
      })),
  }));
  return rows.categories.map((category) => ({
    id: category.id,
    name: category.name,
    description: category.description,
    items: items
      .filter((item) => item.category_id === category.id)
      .map(({ category_id: _c, ...item }) => item),
  }));
}

export async function requireRestaurant(db: Executor, slug: string): Promise<Restaurant> {
  const restaurant = await findRestaurantBySlug(db, slug);
  if (!restaurant) throw new NotFoundError(`No restaurant "${slug}".`);
  return restaurant;
}

export async function getMenu(db: Executor, slug: string, stripe: StripePublicInfo): Promise<Menu> {
  const restaurant = await requireRestaurant(db, slug);
  return {
    restaurant: {
      slug: restaurant.slug,
      name: restaurant.name,
      phone: restaurant.phone,
      address: restaurant.address,
      timezone: restaurant.timezone,
      country: restaurant.country,
      order_acceptance: restaurant.order_acceptance,
      acceptance_window_minutes: restaurant.acceptance_window_minutes,
    },
    currency: restaurant.currency,
    tax_rate: restaurant.tax_rate_ppm / 1_000_000,
    prep_time_minutes: restaurant.prep_time_minutes,
    delivery: {
      enabled: restaurant.delivery_enabled,
      fee: restaurant.delivery_fee,
      minutes: restaurant.delivery_time_minutes,
    },
    stripe: { publishable_key: stripe.publishableKey, livemode: stripe.livemode },
    categories: await loadCategories(db, restaurant.id),
  };
}
