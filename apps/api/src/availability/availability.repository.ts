import { sql } from 'kysely';
import type { Executor } from '../platform/db/database.ts';
import type { Restaurant } from '../platform/db/schema.ts';

export interface AvailabilityFacts {
  restaurant: Restaurant;
  soldOutItems: string[];
  soldOutOptions: string[];
}

/** The restaurant by its slug and the ids of its sold-out items and options, in one read. */
export async function loadAvailabilityFacts(
  db: Executor,
  slug: string,
): Promise<AvailabilityFacts | undefined> {
  const { rows } = await sql<Restaurant & { sold_out_items: string[]; sold_out_options: string[] }>`
    select r.*,
      array(select i.id from menu_items i where i.restaurant_id = r.id and not i.available order by i.id)
        as sold_out_items,
      array(select m.id from modifiers m join modifier_groups g on g.id = m.group_id
        join menu_items i on i.id = g.menu_item_id
        where i.restaurant_id = r.id and not m.available order by m.id) as sold_out_options
    from restaurants r where r.slug = ${slug}`.execute(db);
  const row = rows[0];
  if (!row) return undefined;
  const { sold_out_items, sold_out_options, ...restaurant } = row;
  return { restaurant, soldOutItems: sold_out_items, soldOutOptions: sold_out_options };
}

/** Marks one of the restaurant's items sold out or back; false when it has no such item. */
export async function saveItemAvailable(
  db: Executor,
  restaurantId: string,
  itemId: string,
  available: boolean,
): Promise<boolean> {
  const result = await db
    .updateTable('menu_items')
    .set({ available })
    .where('id', '=', itemId)
    .where('restaurant_id', '=', restaurantId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Marks one of the restaurant's options (modifiers) sold out or back; false when it has none such. */
export async function saveOptionAvailable(
  db: Executor,
  restaurantId: string,
  optionId: string,
  available: boolean,
): Promise<boolean> {
  const result = await db
    .updateTable('modifiers')
    .set({ available })
    .where('id', '=', optionId)
    .where('group_id', 'in', (groups) =>
      groups
        .selectFrom('modifier_groups')
        .innerJoin('menu_items', 'menu_items.id', 'modifier_groups.menu_item_id')
        .select('modifier_groups.id')
        .where('menu_items.restaurant_id', '=', restaurantId),
    )
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * The ids of the restaurant's items, or options, with this id or exact name (any case). An option
 * name is often shared by several dishes (Burrata on each pizza), so `onItem` narrows it to one.
 */
export async function findMenuEntryIds(
  db: Executor,
  restaurantId: string,
  target: { kind: 'item' | 'option'; idOrName: string; onItem?: string | undefined },
): Promise<string[]> {
  const named = (alias: string, value: string) =>
    sql`(${sql.ref(`${alias}.id`)}::text = ${value} or lower(${sql.ref(`${alias}.name`)}) = lower(${value}))`;
  const { rows } =
    target.kind === 'item'
      ? await sql<{ id: string }>`select i.id from menu_items i
          where i.restaurant_id = ${restaurantId} and ${named('i', target.idOrName)} order by i.id`.execute(
          db,
        )
      : await sql<{ id: string }>`select m.id from modifiers m
          join modifier_groups g on g.id = m.group_id join menu_items i on i.id = g.menu_item_id
          where i.restaurant_id = ${restaurantId} and ${named('m', target.idOrName)}
            ${target.onItem === undefined ? sql`` : sql`and ${named('i', target.onItem)}`}
          order by m.id`.execute(db);
  return rows.map((row) => row.id);
}
