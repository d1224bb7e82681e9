import { MenuImport } from '@repo/contracts';
import { sql } from 'kysely';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { DEMO_MENU } from './demo-menu.ts';
import { upsertMenu } from './menu.repository.ts';

// The version an order's price is checked against (see the catalog-version migration): it must move
// on every real change to a restaurant or its menu, whoever makes it, and only then.
const onPostgres = process.env.DATABASE_URL ? it : it.skip;

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const version = async () =>
  (
    await ctx.db
      .selectFrom('restaurants')
      .select('catalog_version')
      .where('id', '=', ctx.restaurant.id)
      .executeTakeFirstOrThrow()
  ).catalog_version;

/** Runs `change` and tells whether the version moved forward (it never moves back). */
async function moves(change: () => Promise<unknown>): Promise<boolean> {
  const before = await version();
  await change();
  const after = await version();
  expect(after).toBeGreaterThanOrEqual(before);
  return after > before;
}

/** Runs `change`, expects it to move the version, and returns what it returned. */
async function movesWith<T>(change: () => Promise<T>): Promise<T> {
  let result: T | undefined;
  expect(
    await moves(async () => {
      result = await change();
    }),
  ).toBe(true);
  return result as T;
}

const importMenu = (menu: unknown) =>
  ctx.db.transaction().execute((tx) => upsertMenu(tx, ctx.restaurant.id, MenuImport.parse(menu)));

const garlicKnots = () =>
  ctx.db
    .selectFrom('menu_items')
    .selectAll()
    .where('restaurant_id', '=', ctx.restaurant.id)
    .where('name', '=', 'Garlic Knots')
    .executeTakeFirstOrThrow();

describe('restaurants.catalog_version', () => {
  it('when a menu row is inserted, changed or deleted at any level, then the version moves', async () => {
    const item = await garlicKnots();
    const category = { restaurant_id: ctx.restaurant.id, name: 'Specials' };
    const { id: categoryId } = await movesWith(() =>
      ctx.db.insertInto('menu_categories').values(category).returning('id').executeTakeFirstOrThrow(),
    );
    const { id: groupId } = await movesWith(() =>
      ctx.db
        .insertInto('modifier_groups')
        .values({ menu_item_id: item.id, name: 'Dip', min_select: 0, max_select: 1 })
        .returning('id')
        .executeTakeFirstOrThrow(),
    );
    const { id: modifierId } = await movesWith(() =>
      ctx.db
        .insertInto('modifiers')
        .values({ group_id: groupId, name: 'Marinara', price_delta: 75 })
        .returning('id')
        .executeTakeFirstOrThrow(),
    );
    expect(
      await moves(() =>
        ctx.db.updateTable('modifiers').set({ available: false }).where('id', '=', modifierId).execute(),
      ),
    ).toBe(true);
    expect(await moves(() => ctx.db.deleteFrom('modifier_groups').where('id', '=', groupId).execute())).toBe(
      true,
    );
    expect(
      await moves(() => ctx.db.deleteFrom('menu_categories').where('id', '=', categoryId).execute()),
    ).toBe(true);
  });

  it('when a restaurant setting changes, then the version moves; when an update changes nothing, it does not', async () => {
    const restaurant = () => ctx.db.updateTable('restaurants').where('id', '=', ctx.restaurant.id);
    expect(await moves(() => restaurant().set({ prep_time_minutes: 25 }).execute())).toBe(true);
    expect(await moves(() => restaurant().set({ prep_time_minutes: 25 }).execute())).toBe(false);
    expect(await moves(() => restaurant().set({ prep_time_minutes: 20 }).execute())).toBe(true);
    const item = await garlicKnots();
    expect(
      await moves(() =>
        ctx.db.updateTable('menu_items').set({ price: item.price }).where('id', '=', item.id).execute(),
      ),
    ).toBe(false);
  });

  it('when the version went back without triggers (as a restore would), then the next change still moves past every earlier one', async () => {
    const highest = await version();
    await sql`alter table restaurants disable trigger restaurants_catalog_version`.execute(ctx.db);
    try {
      await ctx.db
        .updateTable('restaurants')
        .set({ catalog_version: 1 })
        .where('id', '=', ctx.restaurant.id)
        .execute();
    } finally {
      await sql`alter table restaurants enable trigger restaurants_catalog_version`.execute(ctx.db);
    }
    const item = await garlicKnots();
    await ctx.db
      .updateTable('menu_items')
      .set({ price: item.price + 1 })
      .where('id', '=', item.id)
      .execute();
    await ctx.db.updateTable('menu_items').set({ price: item.price }).where('id', '=', item.id).execute();
    expect(await version()).toBeGreaterThan(highest);
  });

  it('when the same menu is imported again, then the version does not move, so cached catalogs stay valid', async () => {
    expect(await moves(() => importMenu(DEMO_MENU))).toBe(false);
  });

  // One PGlite connection runs one transaction at a time: only PostgreSQL can deadlock here.
  onPostgres(
    'when two imports of one restaurant run at once, then both finish (no deadlock) and the version moves',
    async () => {
      const reordered = { ...DEMO_MENU, categories: [...DEMO_MENU.categories].reverse() };
      expect(
        await moves(() => Promise.all([importMenu(reordered), importMenu(DEMO_MENU), importMenu(reordered)])),
      ).toBe(true);
      await importMenu(DEMO_MENU);
    },
  );
});
