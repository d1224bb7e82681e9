import { MenuImport, OpeningHours } from '@repo/contracts';
import { ALL_DAY_HOURS, DEMO_HOURS, DEMO_MENU, DEMO_RESTAURANT } from '../menu/demo-menu.ts';
import { upsertMenu } from '../menu/menu.repository.ts';
import type { Db } from '../platform/db/database.ts';
import type { Restaurant } from '../platform/db/schema.ts';
import { upsertRestaurant } from './restaurants.repository.ts';

/**
 * Which hours a demo restaurant gets: `realistic` for `pnpm start` (lunch and dinner in New York;
 * closed, it still takes orders scheduled for a time it is open), `all-day` for tests and the
 * bench, which place orders for as soon as possible at any hour of the day.
 */
export type DemoHours = 'realistic' | 'all-day';

/** Where `pnpm start` serves each demo storefront, unless DEMO_SITE_URL / DEMO_MANUAL_SITE_URL say otherwise. */
export const DEMO_SITE_URLS = {
  demo: 'http://127.0.0.1:4321',
  'demo-manual': 'http://127.0.0.1:4323',
} as const;

/**
 * Creates or refreshes a demo restaurant and its menu; safe to run on every start. `demo` confirms
 * orders at payment; `demo-manual` (same menu) holds the card until staff accept each order.
 * `siteUrl` is its storefront, where the order links in its emails point.
 */
export function seedDemoRestaurant(
  db: Db,
  slug: 'demo' | 'demo-manual' = 'demo',
  hours: DemoHours = 'all-day',
  siteUrl: string = DEMO_SITE_URLS[slug],
): Promise<Restaurant> {
  const opening_hours = JSON.stringify(
    OpeningHours.parse(hours === 'realistic' ? DEMO_HOURS : ALL_DAY_HOURS),
  );
  const settings =
    slug === 'demo'
      ? { ...DEMO_RESTAURANT, opening_hours, site_url: siteUrl }
      : {
          ...DEMO_RESTAURANT,
          opening_hours,
          site_url: siteUrl,
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
