import type { CreateOrderResponse, Menu } from '@repo/contracts';
import type { Express } from 'express';
import request from 'supertest';
import { abandonedOrderKey, fetchMenu, itemNamed, newKey, pickupOrder } from '../../test/fixtures.ts';
import { appWith, createTestContext, rowCount, type TestContext } from '../../test/harness.ts';

// The app keeps the catalogs it read; these tests change one behind its back, as another process or a
// SQL console would, after the app has priced an order against it.
let ctx: TestContext;
let menu: Menu;

beforeAll(async () => {
  ctx = await createTestContext();
  menu = await fetchMenu(ctx);
});
afterAll(() => ctx.close());

const post = (body: unknown, key = newKey(), app: Express = ctx.app) =>
  request(app)
    .post('/api/clients/demo/orders')
    .set('Idempotency-Key', key)
    .send(body as object);

const amountsOf = (res: request.Response) => (res.body as CreateOrderResponse).amounts;

const count = (table: 'orders' | 'idempotency_keys') => rowCount(ctx.db, table);

/** The app's database, where the menu changes right after each of the first `times` catalog reads. */
function menuChangingAfterRead(times: number) {
  const reads = new Set<unknown>();
  let changes = 0;
  const db = ctx.db.withPlugin({
    transformQuery({ node, queryId }) {
      if (JSON.stringify(node).includes('key_taken')) reads.add(queryId);
      return node;
    },
    async transformResult({ queryId, result }) {
      if (reads.has(queryId) && changes < times) {
        changes += 1;
        await setItem('Garlic Knots', { price: 695 + changes * 100 });
      }
      return result;
    },
  });
  return { app: appWith(ctx, { db }), reads: () => reads.size };
}

const setItem = (name: string, changes: { price?: number; available?: boolean }) =>
  ctx.db
    .updateTable('menu_items')
    .set(changes)
    .where('restaurant_id', '=', ctx.restaurant.id)
    .where('name', '=', name)
    .execute();

describe('orders priced against a catalog changed after the app read it', () => {
  it('when an item price changes, then the next order is priced and stored at the new price', async () => {
    expect(amountsOf(await post(pickupOrder(menu)).expect(201)).subtotal).toBe(3185);
    await setItem('Garlic Knots', { price: 795 });
    try {
      const res = await post(pickupOrder(menu)).expect(201);
      expect(amountsOf(res).subtotal).toBe(3185 + 2 * 100);
      const row = await ctx.db
        .selectFrom('orders')
        .select(['subtotal', 'total'])
        .where('id', '=', (res.body as CreateOrderResponse).order_id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ subtotal: 3385, total: amountsOf(res).total });
    } finally {
      await setItem('Garlic Knots', { price: 695 });
    }
  });

  it('when a modifier price changes, then the next order is priced at the new price', async () => {
    await post(pickupOrder(menu)).expect(201);
    const size = itemNamed(menu, 'Margherita').modifier_groups.find((group) => group.name === 'Size');
    const medium = size?.modifiers.find((modifier) => modifier.name.startsWith('Medium'));
    if (!medium) throw new Error('demo menu changed');
    const setDelta = (price_delta: number) =>
      ctx.db.updateTable('modifiers').set({ price_delta }).where('id', '=', medium.id).execute();
    await setDelta(medium.price_delta + 50);
    try {
      expect(amountsOf(await post(pickupOrder(menu)).expect(201)).subtotal).toBe(3185 + 50);
    } finally {
      await setDelta(medium.price_delta);
    }
  });

  it('when the tax rate changes, then the next order is taxed at the new rate', async () => {
    const before = amountsOf(await post(pickupOrder(menu)).expect(201));
    const { tax_rate_ppm } = ctx.restaurant;
    await ctx.db
      .updateTable('restaurants')
      .set({ tax_rate_ppm: 0 })
      .where('id', '=', ctx.restaurant.id)
      .execute();
    try {
      const after = amountsOf(await post(pickupOrder(menu)).expect(201));
      expect(before.tax).toBeGreaterThan(0);
      expect(after).toMatchObject({ tax: 0, total: before.total - before.tax });
    } finally {
      await ctx.db
        .updateTable('restaurants')
        .set({ tax_rate_ppm })
        .where('id', '=', ctx.restaurant.id)
        .execute();
    }
  });

  it('when an item sells out, then the next order is refused naming it and nothing is written', async () => {
    await post(pickupOrder(menu)).expect(201);
    await setItem('Garlic Knots', { available: false });
    try {
      const orders = await count('orders');
      const keys = await count('idempotency_keys');
      const res = await post(pickupOrder(menu)).expect(422);
      expect(res.body).toMatchObject({
        type: expect.stringMatching(/item-unavailable$/),
        items: [{ id: itemNamed(menu, 'Garlic Knots').id, name: 'Garlic Knots' }],
      });
      expect([await count('orders'), await count('idempotency_keys')]).toEqual([orders, keys]);
    } finally {
      await setItem('Garlic Knots', { available: true });
    }
    await post(pickupOrder(menu)).expect(201);
  });

  it('when a placed order is retried after its item sold out, then its response is still replayed', async () => {
    const key = newKey();
    const first = await post(pickupOrder(menu), key).expect(201);
    await setItem('Garlic Knots', { available: false });
    try {
      const orders = await count('orders');
      const retry = await post(pickupOrder(menu), key).expect(201);
      expect(retry.text).toBe(first.text);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(await count('orders')).toBe(orders);
    } finally {
      await setItem('Garlic Knots', { available: true });
    }
  });

  it('when the menu changes under every attempt, then it answers 409 with nothing written, and a retry succeeds', async () => {
    const changing = menuChangingAfterRead(Number.POSITIVE_INFINITY);
    const key = newKey();
    const orders = await count('orders');
    const keys = await count('idempotency_keys');
    try {
      const res = await post(pickupOrder(menu), key, changing.app).expect(409);
      expect(res.body).toMatchObject({ type: '/problems/menu-changing', status: 409 });
      expect(changing.reads()).toBe(3);
      expect([await count('orders'), await count('idempotency_keys')]).toEqual([orders, keys]);
    } finally {
      await setItem('Garlic Knots', { price: 695 });
    }
    expect(amountsOf(await post(pickupOrder(menu), key).expect(201)).subtotal).toBe(3185);
  });

  it('when a key left unplaced by a crash is resumed while the menu changes, then its order is priced at the new price', async () => {
    const body = pickupOrder(menu);
    const key = newKey();
    await abandonedOrderKey(ctx, key, body);
    const changing = menuChangingAfterRead(1);
    try {
      const res = await post(body, key, changing.app).expect(201);
      expect(amountsOf(res).subtotal).toBe(3185 + 2 * 100);
      expect(changing.reads()).toBe(2);
      const row = await ctx.db
        .selectFrom('orders')
        .select(['id', 'subtotal'])
        .where('id', '=', (res.body as CreateOrderResponse).order_id)
        .executeTakeFirstOrThrow();
      expect(row.subtotal).toBe(3385);
      const keys = await ctx.db
        .selectFrom('idempotency_keys')
        .select('resource_id')
        .where('key', '=', key)
        .execute();
      expect(keys).toEqual([{ resource_id: row.id }]);
      const retry = await post(body, key).expect(201);
      expect(retry.text).toBe(res.text);
    } finally {
      await setItem('Garlic Knots', { price: 695 });
    }
  });
});
