import type { OperatorOrderView, OrderList } from '@repo/contracts';
import request from 'supertest';
import { fetchMenu, newKey, pickupOrder, rewriteOrder } from '../../test/fixtures.ts';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { operatorApi, operatorKey, otherRestaurant, paidOrder } from '../../test/operators.ts';
import { placeOrder } from '../../test/webhooks.ts';
import { encodeCursor } from './operator-orders.service.ts';

let ctx: TestContext;
let api: ReturnType<typeof operatorApi>;
beforeAll(async () => {
  ctx = await createTestContext();
  api = operatorApi(ctx, await operatorKey(ctx));
});
afterAll(() => ctx.close());

async function allPages(query: Record<string, string | number>, between?: () => Promise<unknown>) {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page: OrderList = (await api.list({ ...query, ...(cursor ? { cursor } : {}) }).expect(200)).body;
    ids.push(...page.data.map((o) => o.order_id));
    cursor = page.next_cursor;
    if (between) await between();
  } while (cursor);
  return ids;
}

async function orderNumber(orderId: string): Promise<number> {
  const row = await ctx.db
    .selectFrom('orders')
    .select('order_number')
    .where('id', '=', orderId)
    .executeTakeFirstOrThrow();
  return row.order_number;
}

describe('GET /api/clients/:slug/orders', () => {
  it('when paging with a limit, then every order appears once, newest first, and the last page has no cursor', async () => {
    const placed = [];
    for (let i = 0; i < 5; i += 1) placed.push(await placeOrder(ctx));
    const first = (await api.list({ limit: 2 }).expect(200)).body as OrderList;
    expect(first.data).toHaveLength(2);
    expect(first.next_cursor).toEqual(expect.any(String));
    expect(first.data[0]).toMatchObject({
      status: 'pending_payment',
      customer_name: 'Ada Lovelace',
      currency: 'usd',
    });
    const ids = await allPages({ limit: 2 });
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.slice(0, 5)).toEqual(placed.map((o) => o.orderId).reverse());
  });

  it.each([
    [
      'a cursor with an impossible date',
      { cursor: encodeCursor('2024-13-45T99:00:00.000000Z', '00000000-0000-4000-8000-000000000001') },
    ],
    ['a cursor that is not ours', { cursor: 'bm90LWEtY3Vyc29y' }],
  ])('when the list is asked with %s, then it answers 4xx, never 5xx', async (_name, query) => {
    const res = await api.list(query);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('when the creation time is in year 0, then it is answered without a server error', async () => {
    const res = await api.list({ created_from: '0000-01-01T00:00:00Z' });
    expect(res.status).toBeLessThan(500);
  });

  it('when orders are inserted while paging, then no order is skipped or repeated', async () => {
    for (let i = 0; i < 6; i += 1) await placeOrder(ctx);
    const before = await ctx.db
      .selectFrom('orders')
      .select('id')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    const inserted: string[] = [];
    const ids = await allPages({ limit: 3 }, async () => {
      const batch = await Promise.all([placeOrder(ctx), placeOrder(ctx)]);
      inserted.push(...batch.map((o) => o.orderId));
    });
    expect(new Set(ids).size).toBe(ids.length);
    const seenOld = ids.filter((id) => !inserted.includes(id));
    expect(seenOld).toEqual(before.map((o) => o.id));
  });

  it('when filtering by status, payment status and creation time, then only matching orders are listed', async () => {
    const paid = await paidOrder(ctx);
    const open = await placeOrder(ctx);
    const confirmed = (await api.list({ status: 'confirmed', limit: 100 }).expect(200)).body as OrderList;
    expect(confirmed.data.map((o) => o.order_id)).toContain(paid.orderId);
    expect(confirmed.data.every((o) => o.status === 'confirmed')).toBe(true);
    const succeeded = (await api.list({ payment_status: 'succeeded', limit: 100 }).expect(200))
      .body as OrderList;
    expect(succeeded.data.map((o) => o.order_id)).not.toContain(open.orderId);
    const row = await ctx.db
      .selectFrom('orders')
      .select('created_at')
      .where('id', '=', open.orderId)
      .executeTakeFirstOrThrow();
    const from = (await api.list({ created_from: row.created_at.toISOString() }).expect(200))
      .body as OrderList;
    expect(from.data.map((o) => o.order_id)).toEqual([open.orderId]);
    const to = (await api.list({ created_to: row.created_at.toISOString(), limit: 100 }).expect(200))
      .body as OrderList;
    expect(to.data.map((o) => o.order_id)).not.toContain(open.orderId);
  });

  it('when filtering by flagged, then orders flagged for a person are listed whatever their status, with the reason', async () => {
    const reason = 'a refund failed after this order was cancelled: 2580 usd of its payment is not refunded';
    const cancelled = await paidOrder(ctx);
    await rewriteOrder(ctx, cancelled.orderId, { status: 'cancelled', review_reason: reason });
    const reviewed = await placeOrder(ctx);
    await rewriteOrder(ctx, reviewed.orderId, { status: 'needs_review', review_reason: 'amount mismatch' });
    const plain = await paidOrder(ctx);

    const flagged = (await api.list({ flagged: 'true', limit: 100 }).expect(200)).body as OrderList;
    const byId = new Map(flagged.data.map((o) => [o.order_id, o]));
    expect(byId.get(cancelled.orderId)).toMatchObject({ status: 'cancelled', review_reason: reason });
    expect(byId.get(reviewed.orderId)).toMatchObject({
      status: 'needs_review',
      review_reason: 'amount mismatch',
    });
    expect(byId.has(plain.orderId)).toBe(false);
    expect(flagged.data.every((o) => o.review_reason !== null)).toBe(true);

    const unflagged = (await api.list({ flagged: 'false', limit: 100 }).expect(200)).body as OrderList;
    expect(unflagged.data.map((o) => o.order_id)).toContain(plain.orderId);
    expect(unflagged.data.every((o) => o.review_reason === null)).toBe(true);

    const bad = await api.list({ flagged: 'maybe' }).expect(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['flagged']);
  });

  it('when searching by order number, name or email, then only matching orders are listed, ignoring case, and wildcards match themselves', async () => {
    const menu = await fetchMenu(ctx);
    const place = async (name: string, email: string) => {
      const body = pickupOrder(menu, { customer: { name, email, phone: '+1 212 555 0100' } });
      const res = await request(ctx.app)
        .post('/api/clients/demo/orders')
        .set('Idempotency-Key', newKey())
        .send(body)
        .expect(201);
      return res.body as { order_id: string; order_number: number };
    };
    const grace = await place('Grace Hopper', 'grace@navy.example');
    const alan = await place('Alan Turing', 'alan_t@bletchley.example');
    const ids = async (q: string) =>
      ((await api.list({ q, limit: 100 }).expect(200)).body as OrderList).data.map((o) => o.order_id);

    expect(await ids('hopper')).toEqual([grace.order_id]);
    expect(await ids('NAVY.EXAMPLE')).toEqual([grace.order_id]);
    expect(await ids(String(alan.order_number))).toEqual([alan.order_id]);
    expect(await ids(`#${grace.order_number}`)).toEqual([grace.order_id]);
    expect(await ids('alan_t')).toEqual([alan.order_id]);
    // `_` and `%` are letters here, not LIKE wildcards.
    expect(await ids('alan%')).toEqual([]);
    expect(await ids('gr_ce')).toEqual([]);
    const other = operatorApi(ctx, await otherRestaurant(ctx, 'searching-elsewhere'), 'searching-elsewhere');
    expect(((await other.list({ q: 'hopper' }).expect(200)).body as OrderList).data).toEqual([]);
    const blank = await api.list({ q: '   ' }).expect(422);
    expect(blank.body.errors.map((e: { path: string }) => e.path)).toEqual(['q']);
  });

  it('when an order waits for acceptance, then its row carries the deadline and the expected ready time', async () => {
    const placed = await placeOrder(ctx);
    const deadline = new Date(Date.now() + 10 * 60_000);
    await rewriteOrder(ctx, placed.orderId, { status: 'awaiting_acceptance', acceptance_deadline: deadline });
    const list = (await api.list({ q: String(await orderNumber(placed.orderId)) }).expect(200))
      .body as OrderList;
    expect(list.data[0]).toMatchObject({
      order_id: placed.orderId,
      acceptance_deadline: deadline.toISOString(),
      estimated_ready_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it('when filters are bad, then 400 for unknown parameters and 422 naming each bad one', async () => {
    const unknown = await api.list({ sort: 'asc' }).expect(400);
    expect(unknown.body.errors).toEqual([{ path: 'sort', message: 'is not an accepted field' }]);
    const bad = await api.list({ status: 'eaten', limit: 500, created_from: 'yesterday' }).expect(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'created_from',
      'limit',
      'status',
    ]);
    const cursor = await api.list({ cursor: Buffer.from('2020|x').toString('base64url') }).expect(422);
    expect(cursor.body.errors).toEqual([{ path: 'cursor', message: 'is not a cursor from this API' }]);
  });

  it("when another restaurant lists its orders, then it sees none of this restaurant's", async () => {
    const other = operatorApi(ctx, await otherRestaurant(ctx, 'elsewhere'), 'elsewhere');
    expect(((await other.list().expect(200)).body as OrderList).data).toEqual([]);
  });
});

describe('GET /api/clients/:slug/orders/:orderId (operator view)', () => {
  it('when an operator reads a paid order, then items, full customer, payment, refunds, jobs and timeline are shown', async () => {
    const order = await paidOrder(ctx);
    await api.refund(order.orderId, { amount: 250, reason: 'requested_by_customer' }).expect(201);
    const view = (await api.get(order.orderId).expect(200)).body as OperatorOrderView;
    expect(view).toMatchObject({
      order_id: order.orderId,
      status: 'confirmed',
      payment_status: 'partially_refunded',
      customer: { name: 'Ada Lovelace', email: 'ada@example.com', phone: '+1 212 555 0100' },
      delivery_address: null,
      payment: {
        payment_intent_id: order.intentId,
        payment_intent_status: 'succeeded',
        amount_received: order.total,
        amount_refunded: 250,
        refundable_amount: order.total - 250,
        last_error: null,
      },
      flags: { dispute_status: null, needs_review: false, review_reason: null },
    });
    expect(view.items.map((i) => [i.name, i.quantity])).toEqual([
      ['Margherita', 1],
      ['Garlic Knots', 2],
    ]);
    expect(view.refunds).toEqual([expect.objectContaining({ amount: 250, status: 'succeeded' })]);
    expect(view.jobs.map((j) => j.kind)).toEqual(
      expect.arrayContaining(['confirmation_email', 'pos_handoff']),
    );
    expect(view.timeline.map((e) => e.type)).toEqual(
      expect.arrayContaining(['created', 'payment_succeeded', 'refund_requested', 'refund_succeeded']),
    );
  });

  it('when the order id is not a uuid or unknown, then 404', async () => {
    await api.get('not-a-uuid').expect(404);
    await api.get('00000000-0000-4000-8000-000000000000').expect(404);
  });
});
