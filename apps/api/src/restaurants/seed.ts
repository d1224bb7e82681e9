import { MenuImport } from '@repo/contracts';
import { DEMO_MENU, DEMO_RESTAURANT } from '../menu/demo-menu.ts';
import { upsertMenu } from '../menu/menu.repository.ts';
import type { Db } from '../platform/db/database.ts';
import type { Restaurant } from '../platform/db/schema.ts';
import { upsertRestaurant } from './restaurants.repository.ts';

/**
 * Creates or refreshes a demo restaurant and its menu; safe to run on every start. `demo` confirms
 * orders at payment; `demo-manual` (same menu) holds the card until staff accept each order.
 */
export function seedDemoRestaurant(db: Db, slug: 'demo' | 'demo-manual' = 'demo'): Promise<Restaurant> {
  const settings =
    slug === 'demo'
      ? { ...DEMO_RESTAURANT }
      : {
          ...DEMO_RESTAURANT,
          slug,
          name: 'Trattoria Demo (accepts each order)',
          order_acceptance: 'manual' as const,
        };
  return db.transaction().execute(async (tx) => {
    const restaurant = await upsertRestaurant(tx, settings);
    await upsertMenu(tx, restaurant.id, MenuImport.parse(DEMO_MENU));
    return restaurant;
  });
}
