import type { CreateOrderResponse, Menu } from '@repo/contracts';
import { type Emulator, startEmulator } from '@repo/stripe-emulator';
import Stripe from 'stripe';
import { type ApiProcess, freePort, sharedDatabase, startApiProcess } from '../../../test/api-process.ts';
import { closeAll } from '../../../test/close-all.ts';
import { newKey, pickupOrder } from '../../../test/fixtures.ts';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { eventually } from '../../../test/operators.ts';
import { type FollowedStream, followStream } from '../../../test/streams.ts';
import { placeOrder } from '../../../test/webhooks.ts';
import { createLogger } from '../../platform/logger.ts';
import { recordOrderEvent } from '../lifecycle/lifecycle.repository.ts';
import { OrderFeed } from './order-feed.ts';

const SYSTEM = { actorType: 'system', actorId: null } as const;

// Both need PostgreSQL itself: transactions open side by side, and processes sharing one database.
const onPostgres = process.env.DATABASE_URL ? describe : describe.skip;

onPostgres('the order change feed', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('when an older transaction commits its change after a newer one, then the feed holds the newer one back, skips neither, and reads again by itself once the older ends', async () => {
    const feed = new OrderFeed(ctx.db, { logger: createLogger(ctx.config), pollMs: 60_000 });
    const seen: string[] = [];
    const following = await feed.follow({
      restaurantId: ctx.restaurant.id,
      changed: (orderIds) => seen.push(...orderIds),
    });
    const older = await placeOrder(ctx);
    const newer = await placeOrder(ctx);
    // Another test's transaction (any database of the server) may hold the feed back a moment too.
    const caughtUp = () =>
      eventually(async () => {
        await feed.nudge();
        return seen.length >= 2;
      }, 'the feed to catch up');
    await caughtUp();
    expect(seen.sort()).toEqual([older.orderId, newer.orderId].sort());
    seen.length = 0;

    let written!: () => void;
    const olderWritten = new Promise<void>((resolve) => {
      written = resolve;
    });
    let commit!: () => void;
    const committing = new Promise<void>((resolve) => {
      commit = resolve;
    });
    const held = ctx.db.transaction().execute(async (tx) => {
      await recordOrderEvent(tx, older.orderId, { type: 'refund_mismatch', actor: SYSTEM });
      written();
      await committing;
    });
    await olderWritten;
    await recordOrderEvent(ctx.db, newer.orderId, { type: 'refund_mismatch', actor: SYSTEM });
    await feed.nudge();
    expect(seen).toEqual([]);

    commit();
    await held;
    // No notification (the feed does not listen here) and no poll for a minute: only its own retry.
    await eventually(async () => seen.length >= 2, 'the held change to be read again by itself', 10_000);
    expect(seen.sort()).toEqual([older.orderId, newer.orderId].sort());
    following.stop();
    await feed.close();
  });
});

const SECRET = 'whsec_order_feed_0001';
const OPERATOR_KEY = `rk_feedtwo_${'f'.repeat(32)}`;

onPostgres('the board stream with two API processes', () => {
  let emulator: Emulator;
  let database: Awaited<ReturnType<typeof sharedDatabase>>;
  const processes: ApiProcess[] = [];
  const streams: FollowedStream[] = [];
  beforeAll(async () => {
    emulator = await startEmulator({ retryScheduleMs: [100, 200, 400] });
    database = await sharedDatabase();
  });
  afterAll(() =>
    closeAll(
      ...streams.map((stream) => () => stream.close()),
      ...processes.map((api) => () => api.child.exitCode === null && api.child.kill('SIGKILL')),
      () => emulator?.close(),
      () => database?.close(),
    ),
  );

  async function start(): Promise<ApiProcess> {
    const api = await startApiProcess(await freePort(), {
      ...database.env,
      NODE_ENV: 'test',
      STRIPE_SECRET_KEY: emulator.secretKey,
      STRIPE_PUBLISHABLE_KEY: emulator.publishableKey,
      STRIPE_WEBHOOK_SECRETS: SECRET,
      STRIPE_API_BASE: emulator.url,
      JOBS_IN_PROCESS: 'false',
      DEMO_OPERATOR_API_KEY: OPERATOR_KEY,
      // Only the notification may bring the change in time.
      ORDER_FEED_POLL_MS: '60000',
    });
    processes.push(api);
    return api;
  }

  const boardOf = (api: ApiProcess, headers: Record<string, string> = {}) => {
    const stream = followStream(`${api.url}/api/clients/demo/orders/events`, {
      Authorization: `Bearer ${OPERATOR_KEY}`,
      ...headers,
    });
    streams.push(stream);
    return stream;
  };

  it('when an order is paid through one process, then a board on the other sees it, and resumes there with Last-Event-ID', async () => {
    const [first, second] = [await start(), await start()];
    if (!first || !second) throw new Error('two processes expected');
    emulator.control.addWebhookEndpoint({ url: `${first.url}/payments/webhooks/stripe`, secret: SECRET });
    const board = boardOf(second);
    await board.next((event) => event.type === 'ready', 'ready');

    const menu = (await (await fetch(`${first.url}/api/clients/demo/menu`)).json()) as Menu;
    const placed = await fetch(`${first.url}/api/clients/demo/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': newKey() },
      body: JSON.stringify(pickupOrder(menu)),
    });
    const order = (await placed.json()) as CreateOrderResponse;
    const intentId = order.client_secret.split('_secret_')[0] ?? '';
    await new Stripe(emulator.secretKey, emulator.stripeConfig).paymentIntents.confirm(intentId, {
      payment_method: 'pm_card_visa',
    });
    const paid = await board.next(
      (event) =>
        event.type === 'order' && event.data.order_id === order.order_id && event.data.status === 'confirmed',
      'the order paid through the other process',
    );
    board.close();

    const refund = await fetch(`${first.url}/api/clients/demo/orders/${order.order_id}/refunds`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${OPERATOR_KEY}`,
        'content-type': 'application/json',
        'idempotency-key': newKey(),
      },
      body: JSON.stringify({ amount: 100, reason: 'requested_by_customer' }),
    });
    expect(refund.status).toBe(201);

    const resumed = boardOf(second, { 'Last-Event-ID': paid.id });
    const replayed = await resumed.next(
      (event) => event.type === 'order' && event.data.order_id === order.order_id,
      'the order refunded meanwhile',
    );
    expect(replayed.data).toMatchObject({ amount_refunded: 100 });
  }, 60_000);
});
