import { newKey } from '../../../test/fixtures.ts';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { eventually, operatorApi, operatorKey, otherRestaurant, paidOrder } from '../../../test/operators.ts';
import { authorizedOrder, MANUAL, manualRestaurant } from '../../../test/service.ts';
import { type FollowedStream, followStream } from '../../../test/streams.ts';
import { orderRow } from '../../../test/webhooks.ts';
import { registry } from '../../metrics/metrics.ts';

let ctx: TestContext;
let url: string;
let staff: ReturnType<typeof operatorApi>;
let key: string;
const streams: FollowedStream[] = [];
beforeAll(async () => {
  ctx = await createTestContext();
  url = await ctx.listen();
  staff = await manualRestaurant(ctx);
  key = await operatorKey(ctx);
});
afterAll(async () => {
  for (const stream of streams) stream.close();
  await ctx.close();
});

function follow(path: string, headers: Record<string, string>): FollowedStream {
  const stream = followStream(`${url}${path}`, headers);
  streams.push(stream);
  return stream;
}

const board = (headers: Record<string, string> = {}) =>
  follow('/api/clients/demo/orders/events', { Authorization: `Bearer ${key}`, ...headers });

describe('GET /api/clients/:slug/orders/:id/events (the diner)', () => {
  it('when a diner follows their order, then they see it at once and after each staff move, and the stream ends when nothing more can happen', async () => {
    const order = await authorizedOrder(ctx);
    const diner = follow(`/api/clients/${MANUAL}/orders/${order.orderId}/events`, {
      'X-Order-Token': order.token,
    });
    const statusSeen = (status: string) =>
      diner.next((event) => event.type === 'order' && event.data.status === status, status);

    expect((await statusSeen('awaiting_acceptance')).data).toMatchObject({
      order_id: order.orderId,
      final: false,
    });
    await staff.act(order.orderId, 'accept', { ready_in_minutes: 15 }).expect(200);
    expect((await statusSeen('confirmed')).data.estimated_ready_at).toEqual(expect.any(String));
    await staff.act(order.orderId, 'status', { status: 'preparing' }).expect(200);
    await statusSeen('preparing');
    await staff.act(order.orderId, 'status', { status: 'ready' }).expect(200);
    await statusSeen('ready');
    await staff.act(order.orderId, 'status', { status: 'completed' }).expect(200);
    expect((await statusSeen('completed')).data.final).toBe(true);
    await expect(diner.next(() => false, 'the end', 5_000)).rejects.toThrow('the stream ended');
  });

  it('when a rejected order is followed, then the diner sees it cancelled and the stream ends at once', async () => {
    const order = await authorizedOrder(ctx);
    await staff.act(order.orderId, 'reject', { reason: 'Out of dough' }).expect(200);
    const diner = follow(`/api/clients/${MANUAL}/orders/${order.orderId}/events`, {
      'X-Order-Token': order.token,
    });
    const seen = await diner.next((event) => event.type === 'order', 'the view');
    expect(seen.data).toMatchObject({ status: 'cancelled', final: true });
    await expect(diner.next(() => false, 'the end', 5_000)).rejects.toThrow('the stream ended');
  });

  it('when the token is wrong or missing, then it is a 404 problem and no stream opens', async () => {
    const order = await authorizedOrder(ctx);
    for (const headers of [{ 'X-Order-Token': 'ot_wrong' }, {}] as Record<string, string>[]) {
      const res = await fetch(`${url}/api/clients/${MANUAL}/orders/${order.orderId}/events`, { headers });
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
  });
});

describe('GET /api/clients/:slug/orders/events (the restaurant)', () => {
  it('when an order is placed and paid in another request, then the board stream delivers it', async () => {
    const stream = board();
    const ready = await stream.next((event) => event.type === 'ready', 'ready');
    expect(ready.data).toEqual({ resumed: false });
    expect(ready.id).toMatch(/^\d+$/);

    const order = await paidOrder(ctx);
    const seen = await stream.next(
      (event) =>
        event.type === 'order' && event.data.order_id === order.orderId && event.data.status === 'confirmed',
      'the paid order',
    );
    expect(seen.data).toMatchObject({ payment_status: 'succeeded', total: order.total, currency: 'usd' });
    expect(seen.id).toMatch(/^\d+$/);
    expect(BigInt(seen.id)).toBeGreaterThan(BigInt(ready.id));
  });

  it('when the stream resumes with Last-Event-ID, then every order changed meanwhile comes once, and nothing older', async () => {
    // Paid before the position the stream resumes from: never replayed. Its webhooks write it too,
    // so let them land, then take a position past its last change (a transaction elsewhere on the
    // server may hold the feed back a moment).
    const untouched = await paidOrder(ctx);
    await ctx.emulator.control.waitForIdle();
    const { change_tx } = await ctx.db
      .selectFrom('order_events')
      .select('change_tx')
      .where('order_id', '=', untouched.orderId)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const lastSeen = await eventually(async () => {
      const first = board();
      const ready = await first.next((event) => event.type === 'ready', 'the first stream');
      first.close();
      return BigInt(ready.id) > BigInt(change_tx) ? ready : undefined;
    }, 'a position past the first order');

    const meanwhile = await paidOrder(ctx);
    await operatorApi(ctx, key)
      .refund(meanwhile.orderId, { amount: 100, reason: 'requested_by_customer' })
      .expect(201);

    const resumed = board({ 'Last-Event-ID': lastSeen.id });
    const ready = await resumed.next((event) => event.type === 'ready', 'ready');
    expect(ready.data).toEqual({ resumed: true });
    // Replayed before `ready`, or just after it while another transaction on the server holds the
    // feed back: either way once, with its newest state.
    const refunded = await resumed.next(
      (event) => event.type === 'order' && event.data.order_id === meanwhile.orderId,
      'the order changed meanwhile',
    );
    expect(refunded.data).toMatchObject({ status: 'confirmed', amount_refunded: 100 });
    await paidOrder(ctx);
    await resumed.next(
      (event) => event.type === 'order' && event.data.order_id !== meanwhile.orderId,
      'an order paid after resuming',
    );
    const replayed = resumed.events.filter((event) => event.type === 'order');
    expect(replayed.filter((event) => event.data.order_id === meanwhile.orderId)).toHaveLength(1);
    expect(replayed.map((event) => event.data.order_id)).not.toContain(untouched.orderId);
  });

  it('when a board is open, then the process counts it in order_event_streams_open until it closes', async () => {
    const open = async () =>
      (await registry.getSingleMetric('order_event_streams_open')?.get())?.values.find(
        (value) => value.labels.kind === 'board',
      )?.value ?? 0;
    const before = await open();
    const stream = board();
    await stream.next((event) => event.type === 'ready', 'ready');
    expect(await open()).toBe(before + 1);
    stream.close();
    await eventually(async () => (await open()) === before, 'the stream to be uncounted');
  });

  it('when Last-Event-ID is not one of ours, then it is a 400 problem', async () => {
    // Not a number, or past the largest transaction id PostgreSQL has.
    for (const id of ['yesterday', '18446744073709551616']) {
      const res = await fetch(`${url}/api/clients/demo/orders/events`, {
        headers: { Authorization: `Bearer ${key}`, 'Last-Event-ID': id },
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { detail: string }).detail).toContain('Last-Event-ID');
    }
  });

  it("when the key is missing or another restaurant's, then 401 or 404, and its orders never reach another board", async () => {
    expect((await fetch(`${url}/api/clients/demo/orders/events`)).status).toBe(401);
    const otherKey = await otherRestaurant(ctx);
    const res = await fetch(`${url}/api/clients/demo/orders/events`, {
      headers: { Authorization: `Bearer ${otherKey}` },
    });
    expect(res.status).toBe(404);

    const other = follow('/api/clients/other/orders/events', { Authorization: `Bearer ${otherKey}` });
    await other.next((event) => event.type === 'ready', 'ready');
    const order = await paidOrder(ctx);
    expect((await orderRow(ctx, order.orderId)).status).toBe('confirmed');
    const demo = board();
    await demo.next((event) => event.type === 'ready', 'ready');
    await operatorApi(ctx, key)
      .refund(order.orderId, { amount: 50, reason: 'requested_by_customer' }, newKey())
      .expect(201);
    await demo.next((event) => event.type === 'order' && event.data.order_id === order.orderId, 'the refund');
    expect(other.events.filter((event) => event.type === 'order')).toEqual([]);
  });
});
