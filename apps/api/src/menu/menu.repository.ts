import type { ParsedMenuImport } from '@repo/contracts';
import { type RawBuilder, sql } from 'kysely';
import type { Executor, Tx } from '../platform/db/database.ts';

/** Upserts a whole menu by names, keeping ids stable across re-imports so carts stay valid. */
export async function upsertMenu(db: Tx, restaurantId: string, menu: ParsedMenuImport): Promise<void> {
  // Every changed menu row moves the restaurant's catalog version (a trigger updates its row). Taking
  // that row first makes a concurrent import wait here, holding nothing, instead of deadlocking; an
  // import is short, so the wait may be longer than a request's.
  await sql`set local lock_timeout = '60s'`.execute(db);
  await db.selectFrom('restaurants').select('id').where('id', '=', restaurantId).forNoKeyUpdate().execute();
  for (const [categoryPosition, category] of menu.categories.entries()) {
    const { id: categoryId } = await db
      .insertInto('menu_categories')
      .values({
        restaurant_id: restaurantId,
        name: category.name,
        description: category.description ?? null,
        position: categoryPosition,
      })
      .onConflict((oc) =>
        oc
          .columns(['restaurant_id', 'name'])
          .doUpdateSet({ description: category.description ?? null, position: categoryPosition }),
      )
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [itemPosition, item] of category.items.entries()) {
      const values = {
        category_id: categoryId,
        description: item.description ?? null,
        price: item.price,
        available: item.available,
        position: itemPosition,
      };
      const { id: itemId } = await db
        .insertInto('menu_items')
        .values({ restaurant_id: restaurantId, name: item.name, ...values })
        .onConflict((oc) => oc.columns(['restaurant_id', 'name']).doUpdateSet(values))
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const [groupPosition, group] of item.modifier_groups.entries()) {
        const groupValues = { min_select: group.min, max_select: group.max, position: groupPosition };
        const { id: groupId } = await db
          .insertInto('modifier_groups')
          .values({ menu_item_id: itemId, name: group.name, ...groupValues })
          .onConflict((oc) => oc.columns(['menu_item_id', 'name']).doUpdateSet(groupValues))
          .returning('id')
          .executeTakeFirstOrThrow();
        for (const [modifierPosition, modifier] of group.modifiers.entries()) {
          const modifierValues = {
            price_delta: modifier.price_delta,
            available: modifier.available,
            position: modifierPosition,
          };
          await db
            .insertInto('modifiers')
            .values({ group_id: groupId, name: modifier.name, ...modifierValues })
            .onConflict((oc) => oc.columns(['group_id', 'name']).doUpdateSet(modifierValues))
            .execute();
        }
      }
    }
  }
}

export interface MenuRows {
  categories: { id: string; name: string; description: string | null }[];
  items: {
    id: string;
    category_id: string;
    name: string;
    description: string | null;
    price: number;
    available: boolean;
  }[];
  groups: { id: string; menu_item_id: string; name: string; min_select: number; max_select: number }[];
  modifiers: { id: string; group_id: string; name: string; price_delta: number; available: boolean }[];
}

/**
 * The restaurant's live menu in display order as flat rows, one JSON value: for a query of its own
 * or as a column of a larger statement (`restaurantId` may be a column reference).
 */
export function menuRowsJson(restaurantId: RawBuilder<unknown>): RawBuilder<MenuRows> {
  return sql<MenuRows>`json_build_object(
    'categories', (select coalesce(json_agg(c order by c.position, c.name), '[]') from (
      select id, name, description, position from menu_categories where restaurant_id = ${restaurantId}) c),
    'items', (select coalesce(json_agg(i order by i.position, i.name), '[]') from (
      select id, category_id, name, description, price, available, position
      from menu_items where restaurant_id = ${restaurantId}) i),
    'groups', (select coalesce(json_agg(g order by g.position, g.name), '[]') from (
      select g.id, g.menu_item_id, g.name, g.min_select, g.max_select, g.position
      from modifier_groups g join menu_items i on i.id = g.menu_item_id where i.restaurant_id = ${restaurantId}) g),
    'modifiers', (select coalesce(json_agg(m order by m.position, m.name), '[]') from (
      select m.id, m.group_id, m.name, m.price_delta, m.available, m.position
      from modifiers m join modifier_groups g on g.id = m.group_id join menu_items i on i.id = g.menu_item_id
      where i.restaurant_id = ${restaurantId}) m))`;
}

/** The restaurant's live menu in display order, as flat rows, in one round trip. */
export async function loadMenuRows(db: Executor, restaurantId: string): Promise<MenuRows> {
  const { rows } = await sql<{
    menu: MenuRows;
  }>`select ${menuRowsJson(sql`${restaurantId}::uuid`)} as menu`.execute(db);
  const row = rows[0];
  if (!row) throw new Error('the menu query returned no row');
  return row.menu;
}
