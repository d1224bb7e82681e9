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
