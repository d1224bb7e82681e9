import type { CreateOrderRequest, Menu } from '@repo/contracts';
import request from 'supertest';
import { fetchMenu, itemNamed, newKey, pickupOrder } from '../../test/fixtures.ts';
import { createTestContext, rowCount, type TestContext } from '../../test/harness.ts';

let ctx: TestContext;
let menu: Menu;
beforeAll(async () => {
  ctx = await createTestContext();
  menu = await fetchMenu(ctx);
});
afterAll(() => ctx.close());

const rows = async () => ({
  orders: await rowCount(ctx.db, 'orders'),
  items: await rowCount(ctx.db, 'order_items'),
  keys: await rowCount(ctx.db, 'idempotency_keys'),
});

type Mutation = (order: CreateOrderRequest, menu: Menu) => unknown;

const pizza = (m: Menu) => itemNamed(m, 'Margherita');
const group = (m: Menu, name: string) => pizza(m).modifier_groups.find((g) => g.name === name)!;
const withPizzaModifiers = (
  o: CreateOrderRequest,
  modifiers: { group_id: string; selections: string[] }[],
) => ({
  ...o,
  items: [{ ...o.items[0]!, modifiers }, ...o.items.slice(1)],
});
const soon = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

const cases: [string, number, string, Mutation][] = [
  [
    'an unknown menu item',
    422,
    'items.1.menu_item_id',
    (o) => ({ ...o, items: [o.items[0], { menu_item_id: crypto.randomUUID(), quantity: 1 }] }),
  ],
  [
    'a sold-out item',
    422,
    'item-unavailable',
    (o, m) => ({ ...o, items: [{ menu_item_id: itemNamed(m, 'Affogato').id, quantity: 1 }] }),
  ],
  ['a required modifier missing', 422, 'items.0.modifiers', (o) => withPizzaModifiers(o, [])],
  [
    'too many choices in a group',
    422,
    'items.0.modifiers.1.selections',
    (o, m) =>
      withPizzaModifiers(o, [
        { group_id: group(m, 'Size').id, selections: [group(m, 'Size').modifiers[0]!.id] },
        {
          group_id: group(m, 'Extra toppings').id,
          selections: group(m, 'Extra toppings')
            .modifiers.slice(0, 4)
            .map((x) => x.id),
        },
      ]),
  ],
  [
    'a sold-out modifier',
    422,
    'item-unavailable',
    (o, m) =>
      withPizzaModifiers(o, [
        { group_id: group(m, 'Size').id, selections: [group(m, 'Size').modifiers[0]!.id] },
        {
          group_id: group(m, 'Extra toppings').id,
          selections: [group(m, 'Extra toppings').modifiers.find((x) => x.name === 'Burrata')!.id],
        },
      ]),
  ],
  [
    'a modifier group of another item',
    422,
    'items.1.modifiers.0.group_id',
    (o, m) => ({
      ...o,
      items: [o.items[0], { ...o.items[1], modifiers: [{ group_id: group(m, 'Size').id, selections: [] }] }],
    }),
  ],
  [
    'a choice from another group',
    422,
    'items.0.modifiers.0.selections.0',
    (o, m) =>
      withPizzaModifiers(o, [
        { group_id: group(m, 'Size').id, selections: [group(m, 'Extra toppings').modifiers[0]!.id] },
      ]),
  ],
  ['quantity zero', 422, 'items.0.quantity', (o) => ({ ...o, items: [{ ...o.items[0], quantity: 0 }] })],
  ['quantity over 50', 422, 'items.0.quantity', (o) => ({ ...o, items: [{ ...o.items[0], quantity: 51 }] })],
  [
    'a fractional quantity',
    422,
    'items.0.quantity',
    (o) => ({ ...o, items: [{ ...o.items[0], quantity: 1.5 }] }),
  ],
  ['no items', 422, 'items', (o) => ({ ...o, items: [] })],
  ['a negative tip', 422, 'tip', (o) => ({ ...o, tip: -1 })],
  ['a tip above the subtotal', 422, 'tip', (o) => ({ ...o, tip: 50_000 })],
  [
    'a missing customer email',
    422,
    'customer.email',
    (o) => ({ ...o, customer: { ...o.customer, email: 'not-an-email' } }),
  ],
  [
    'a 101-character name',
    422,
    'customer.name',
    (o) => ({ ...o, customer: { ...o.customer, name: 'x'.repeat(101) } }),
  ],
  [
    'a bad phone number',
    422,
    'customer.phone',
    (o) => ({ ...o, customer: { ...o.customer, phone: 'call me' } }),
  ],
  [
    'special instructions over 500 characters',
    422,
    'special_instructions',
    (o) => ({ ...o, special_instructions: 'x'.repeat(501) }),
  ],
  ['an unknown order type', 422, 'order_type', (o) => ({ ...o, order_type: 'dine_in' })],
  [
    'a delivery address on a pickup order',
    422,
    'delivery_address',
    (o) => ({ ...o, delivery_address: { line1: 'a', city: 'b', postal_code: 'c' } }),
  ],
  ['a time in the past', 422, 'scheduled-time-invalid', (o) => ({ ...o, scheduled_time: soon(-10) })],
  [
    'a time sooner than the prep time',
    422,
    'scheduled-time-invalid',
    (o) => ({ ...o, scheduled_time: soon(5) }),
  ],
  [
    'a time more than 7 days out',
    422,
    'scheduled-time-invalid',
    (o) => ({ ...o, scheduled_time: soon(8 * 24 * 60) }),
  ],
  [
    'a time without an offset',
    422,
    'scheduled_time',
    (o) => ({ ...o, scheduled_time: '2030-01-01T12:00:00' }),
  ],
  ['a client-sent total', 400, 'total', (o) => ({ ...o, total: 1 })],
  [
    'a client-sent item price',
    400,
    'items.0.price',
    (o) => ({ ...o, items: [{ ...o.items[0], price: 1 }, o.items[1]] }),
  ],
  ['a client-sent status', 400, 'status', (o) => ({ ...o, status: 'confirmed' })],
  ['a body that is not an object', 422, '(body)', () => [1, 2, 3]],
  [
    'a NUL character in a name',
    422,
    'customer.name',
    (o) => ({ ...o, customer: { ...o.customer, name: 'Ada\u0000' } }),
  ],
  [
    'a NUL character in item notes',
    422,
    'items.0.special_instructions',
    (o) => ({
      ...o,
      items: [{ ...o.items[0], special_instructions: 'no\u0000onions' }, o.items[1]],
    }),
  ],
];

describe('POST /api/clients/:slug/orders validation', () => {
  it.each(cases)(
    'when the order has %s, then it answers %i naming %s and writes nothing',
    async (_name, status, path, mutate) => {
      const before = await rows();
      const res = await request(ctx.app)
        .post('/api/clients/demo/orders')
        .set('Idempotency-Key', newKey())
        .send(mutate(pickupOrder(menu), menu) as object)
        .expect(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      // A valid order that cannot be made now is its own problem type, not a field error.
      if (res.body.errors) expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
      else expect(res.body.type).toMatch(new RegExp(`/problems/${path}$`));
      expect(await rows()).toEqual(before);
    },
  );

  it('when the JSON is malformed, then it answers 400 as a problem and writes nothing', async () => {
    const before = await rows();
    const res = await request(ctx.app)
      .post('/api/clients/demo/orders')
      .set('Idempotency-Key', newKey())
      .set('Content-Type', 'application/json')
      .send('{"customer": ')
      .expect(400);
    expect(res.body).toMatchObject({ status: 400, title: 'Bad request' });
    expect(await rows()).toEqual(before);
  });

  it('when the body is larger than the limit, then it answers 413 as a problem', async () => {
    const res = await request(ctx.app)
      .post('/api/clients/demo/orders')
      .set('Idempotency-Key', newKey())
      .send(pickupOrder(menu, { special_instructions: 'x'.repeat(200_000) }))
      .expect(413);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('when a rejected order is fixed and resent with the same key, then it is accepted', async () => {
    const key = newKey();
    await request(ctx.app)
      .post('/api/clients/demo/orders')
      .set('Idempotency-Key', key)
      .send(pickupOrder(menu, { tip: 99_999 }))
      .expect(422);
    await request(ctx.app)
      .post('/api/clients/demo/orders')
      .set('Idempotency-Key', key)
      .send(pickupOrder(menu))
      .expect(201);
  });
});
