import type { Menu } from '@repo/contracts';
import request from 'supertest';
import { allDayExcept, availabilityApi, newYorkDate, QUARTER_MS } from '../../test/availability.ts';
import { fetchMenu, itemNamed, newKey, pickupOrder } from '../../test/fixtures.ts';
import { createTestContext, rowCount, type TestContext } from '../../test/harness.ts';
import { operatorKey } from '../../test/operators.ts';
import { sdk } from '../../test/webhooks.ts';
import { ALL_DAY_HOURS } from '../menu/demo-menu.ts';

let ctx: TestContext;
let menu: Menu;
let api: ReturnType<typeof availabilityApi>;

beforeAll(async () => {
  ctx = await createTestContext();
  menu = await fetchMenu(ctx);
  api = availabilityApi(ctx, await operatorKey(ctx));
});
afterAll(() => ctx.close());
beforeEach(async () => {
  await api.putHours(ALL_DAY_HOURS).expect(200);
  await api.resume().expect(200);
  await ctx.db.updateTable('menu_items').set({ available: true }).execute();
  await ctx.db.updateTable('modifiers').set({ available: true }).execute();
});

const place = (overrides = {}) =>
  request(ctx.app)
    .post('/api/clients/demo/orders')
    .set('Idempotency-Key', newKey())
    .send(pickupOrder(menu, overrides));

const written = async () => ({
  orders: await rowCount(ctx.db, 'orders'),
  items: await rowCount(ctx.db, 'order_items'),
  events: await rowCount(ctx.db, 'order_events'),
  keys: await rowCount(ctx.db, 'idempotency_keys'),
  intents: (await sdk(ctx).paymentIntents.list({ limit: 100 })).data.length,
});

/** Places the order and expects the problem, with nothing written and no PaymentIntent opened. */
async function refused(type: string, overrides = {}) {
  const before = await written();
  const res = await place(overrides).expect(422);
  expect(res.body.type).toMatch(new RegExp(`/problems/${type}$`));
  expect(await written()).toEqual(before);
  return res.body;
}

const at = (ms: number) => new Date(ms).toISOString();

describe('POST /api/clients/:slug/orders, availability', () => {
  it('when the restaurant is closed today, then ASAP is refused with the next opening', async () => {
    await place().expect(201);
    await api.putHours(allDayExcept([newYorkDate(-1), newYorkDate(0), newYorkDate(1)])).expect(200);
    const problem = await refused('restaurant-closed');
    expect(problem.next_opening).toMatch(/T0[45]:00:00\.000Z$/);
  });

  it('when ordering is paused, then placing is refused with until when, and resuming allows it', async () => {
    await place().expect(201); // the app now caches a catalog that the pause makes stale
    const pause = await api.pause({ minutes: 30 }).expect(200);
    const problem = await refused('ordering-paused');
    expect(Date.parse(problem.paused_until)).toBe(Date.parse(pause.body.paused_until));
    await api.resume().expect(200);
    await place().expect(201);
  });

  it('when an item and an option are sold out, then both are named', async () => {
    const knots = itemNamed(menu, 'Garlic Knots');
    const size = itemNamed(menu, 'Margherita').modifier_groups.find((g) => g.name === 'Size');
    const medium = size?.modifiers.find((m) => m.name.startsWith('Medium'));
    if (!medium) throw new Error('demo menu changed');
    await place().expect(201);
    await api.mark('items', knots.id, false).expect(200);
    await api.mark('options', medium.id, false).expect(200);
    const before = await written();
    const res = await place().expect(422);
    expect(res.body.type).toMatch(/item-unavailable$/);
    expect(res.body.items).toEqual([{ id: knots.id, name: 'Garlic Knots' }]);
    expect(res.body.options).toEqual([{ id: medium.id, name: medium.name }]);
    expect(await written()).toEqual(before);
  });

  const quarter = (ms: number) => Math.ceil(ms / QUARTER_MS) * QUARTER_MS;
  it.each([
    ['not on a slot', () => quarter(Date.now() + 60 * 60_000) + 5 * 60_000, 'not-on-slot'],
    ['sooner than the preparation time', () => quarter(Date.now()), 'too-soon'],
    ['more than 7 days ahead', () => quarter(Date.now() + 8 * 24 * 60 * 60_000), 'too-far'],
  ])('when the time is %s, then scheduled-time-invalid says so', async (_, time, reason) => {
    await place().expect(201);
    const problem = await refused('scheduled-time-invalid', { scheduled_time: at(time()) });
    expect(problem.reason).toBe(reason);
  });

  it('when the time is on a closed day, then it is outside the hours and the next slot is offered', async () => {
    const time = quarter(Date.now() + 3 * 24 * 60 * 60_000);
    await place().expect(201);
    await api.putHours(allDayExcept([newYorkDate(0, time)])).expect(200);
    const before = await written();
    const res = await place({ scheduled_time: at(time) }).expect(422);
    expect(res.body).toMatchObject({ reason: 'outside-hours', next_slot: expect.any(String) });
    expect(await written()).toEqual(before);
  });

  it('when closed now but a bookable slot is chosen, then the order is placed for it', async () => {
    await api.putHours(allDayExcept([newYorkDate(0), newYorkDate(1)])).expect(200);
    const { slots } = await api.read();
    const res = await place({ scheduled_time: slots[0] }).expect(201);
    expect(res.body.order_id).toEqual(expect.any(String));
  });
});
