import { ORDER_LINK_DAYS } from '@repo/contracts';
import { sql } from 'kysely';
import request from 'supertest';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { followStream } from '../../test/streams.ts';
import { orderRow, type PlacedOrder, placeOrder } from '../../test/webhooks.ts';
import { orderLinkToken, orderTokenMatches } from './order-token.ts';

let ctx: TestContext;
let order: PlacedOrder;
beforeAll(async () => {
  ctx = await createTestContext();
  order = await placeOrder(ctx);
});
afterAll(() => ctx.close());

const DAY_MS = 24 * 60 * 60 * 1000;
const SECRET = 'a-test-order-link-secret-of-32-characters';
const subject = { id: 'b9d1c3f0-8d6c-4a57-9a59-5f3c1a0f2e11', order_token_hash: 'ab'.repeat(32) };

describe('order link tokens', () => {
  it('when a link token is signed for its order with the secret, then it opens the order', () => {
    expect(orderTokenMatches(orderLinkToken(subject, SECRET), subject, SECRET)).toBe(true);
  });

  it('when a link token is signed for another order or with another secret, or altered, then it is refused', () => {
    const other = orderLinkToken({ ...subject, id: 'c0ffee00-8d6c-4a57-9a59-5f3c1a0f2e11' }, SECRET);
    const otherSecret = orderLinkToken(subject, `${SECRET}-rotated`);
    const token = orderLinkToken(subject, SECRET);
    const altered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    for (const refused of [other, otherSecret, altered, 'ot_link_', 'ot_link_short', undefined])
      expect(orderTokenMatches(refused, subject, SECRET)).toBe(false);
  });
});

describe('GET /api/clients/:slug/orders/:id with an email link token', () => {
  const get = (token: string) =>
    request(ctx.app).get(`/api/clients/demo/orders/${order.orderId}`).set('X-Order-Token', token);

  it('when the link token from an email is sent as X-Order-Token, then the diner sees the order', async () => {
    const row = await orderRow(ctx, order.orderId);
    const res = await get(orderLinkToken(row, ctx.config.ORDER_LINK_SECRET)).expect(200);
    expect(res.body).toMatchObject({ order_id: order.orderId, order_number: row.order_number });
  });

  it("when the link token opens the order's event stream, then the stream sends the order", async () => {
    const url = await ctx.listen();
    const row = await orderRow(ctx, order.orderId);
    const stream = followStream(`${url}/api/clients/demo/orders/${order.orderId}/events`, {
      'X-Order-Token': orderLinkToken(row, ctx.config.ORDER_LINK_SECRET),
    });
    try {
      const first = await stream.next((event) => event.type === 'order', 'the order');
      expect(first.data).toMatchObject({ order_id: order.orderId });
    } finally {
      stream.close();
    }
  });

  it(`when the order was placed more than ${ORDER_LINK_DAYS} days ago, then its link token answers 410 order-link-expired`, async () => {
    const old = await placeOrder(ctx);
    const placed = new Date(Date.now() - (ORDER_LINK_DAYS * DAY_MS + 60_000));
    await sql`update orders set created_at = ${placed} where id = ${old.orderId}`.execute(ctx.db);
    const row = await orderRow(ctx, old.orderId);
    const res = await request(ctx.app)
      .get(`/api/clients/demo/orders/${old.orderId}`)
      .set('X-Order-Token', orderLinkToken(row, ctx.config.ORDER_LINK_SECRET))
      .expect(410);
    expect(res.body.type).toContain('order-link-expired');
    expect(JSON.stringify(res.body)).not.toMatch(/Ada|example\.com/);
    const url = await ctx.listen();
    const events = await fetch(`${url}/api/clients/demo/orders/${old.orderId}/events`, {
      headers: { 'X-Order-Token': orderLinkToken(row, ctx.config.ORDER_LINK_SECRET) },
    });
    expect(events.status).toBe(410);
  });
});
