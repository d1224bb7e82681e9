import type { ParsedMenuImport, ParsedOpeningHours } from '@repo/contracts';
import type { Insertable } from 'kysely';
import type { Executor } from '../platform/db/database.ts';
import type { Restaurant, RestaurantTable } from '../platform/db/schema.ts';

export function findRestaurantBySlug(db: Executor, slug: string): Promise<Restaurant | undefined> {
  return db.selectFrom('restaurants').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export function findRestaurantById(db: Executor, id: string): Promise<Restaurant | undefined> {
  return db.selectFrom('restaurants').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Creates the restaurant or refreshes its settings; the slug is the identity. */
export function upsertRestaurant(db: Executor, values: Insertable<RestaurantTable>): Promise<Restaurant> {
  const { slug: _slug, ...settings } = values;
  return db
    .insertInto('restaurants')
    .values(values)
    .onConflict((oc) => oc.column('slug').doUpdateSet(settings))
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The menu file's time zone and hours, when it gives them; left out, they stay as they are. */
export async function saveRestaurantZoneAndHours(
  db: Executor,
  restaurantId: string,
  menu: Pick<ParsedMenuImport, 'timezone' | 'hours'>,
): Promise<void> {
  const changes = {
    ...(menu.timezone ? { timezone: menu.timezone } : {}),
    ...(menu.hours ? { opening_hours: JSON.stringify(menu.hours) } : {}),
  };
  if (Object.keys(changes).length === 0) return;
  await db.updateTable('restaurants').set(changes).where('id', '=', restaurantId).execute();
}

export async function saveOpeningHours(
  db: Executor,
  restaurantId: string,
  hours: ParsedOpeningHours | null,
): Promise<Restaurant> {
  return db
    .updateTable('restaurants')
    .set({ opening_hours: hours === null ? null : JSON.stringify(hours) })
    .where('id', '=', restaurantId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function savePausedUntil(db: Executor, restaurantId: string, until: Date | null): Promise<void> {
  await db.updateTable('restaurants').set({ paused_until: until }).where('id', '=', restaurantId).execute();
}
