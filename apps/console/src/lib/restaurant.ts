import type { Menu } from '@repo/contracts';
import { type ConsoleApi, clientPath } from './api.ts';

/** What the pages need of the signed-in restaurant: its money, its clock, how it takes orders. */
export interface Restaurant {
  slug: string;
  name: string;
  currency: string;
  timezone: string;
  manualAcceptance: boolean;
  prepMinutes: number;
  menu: Menu;
}

export async function loadRestaurant(api: ConsoleApi, slug: string): Promise<Restaurant> {
  const menu = await api.get<Menu>(clientPath(slug, 'menu'));
  return {
    slug,
    name: menu.restaurant.name,
    currency: menu.currency,
    timezone: menu.restaurant.timezone,
    manualAcceptance: menu.restaurant.order_acceptance === 'manual',
    prepMinutes: menu.prep_time_minutes,
    menu,
  };
}
