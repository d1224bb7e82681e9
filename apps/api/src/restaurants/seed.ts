import { MenuImport } from '@repo/contracts';
import { DEMO_MENU, DEMO_RESTAURANT } from '../menu/demo-menu.ts';
import { upsertMenu } from '../menu/menu.repository.ts';
import type { Db } from '../platform/db/database.ts';
import type { Restaurant } from '../platform/db/schema.ts';
import { upsertRestaurant } from './restaurants.repository.ts';

/** Creates or refreshes the demo restaurant and its menu; safe to run on every start. */
export function seedDemoRestaurant(db: Db): Promise<Restaurant> {
  return db.transaction().execute(async (tx) => {
    const restaurant = await upsertRestaurant(tx, { ...DEMO_RESTAURANT });
    await upsertMenu(tx, restaurant.id, MenuImport.parse(DEMO_MENU));
    return restaurant;
  });
}
