import { randomUUID } from 'node:crypto';
import type { CreateOrderResponse, Menu, OperatorOrderView } from '@repo/contracts';
import { type Emulator, startEmulator } from '@repo/stripe-emulator';
import Stripe from 'stripe';
import {
  type ApiProcess,
  freePort,
  holdingProxy,
  sharedDatabase,
  startApiProcess,
} from '../../test/api-process.ts';
import { closeAll } from '../../test/close-all.ts';
import { pickupOrder } from '../../test/fixtures.ts';
import { eventually } from '../../test/operators.ts';

const SECRET = 'whsec_rolling_restart_0001';
const OPERATOR_KEY = `rk_rolling_${'r'.repeat(32)}`;

let emulator: Emulator;
let database: Awaited<ReturnType<typeof sharedDatabase>>;
let proxy: Awaited<ReturnType<typeof holdingProxy>>;
const processes: ApiProcess[] = [];
beforeAll(async () => {
  // Retries spaced so that a delivery refused while no process listens lands on the next one.
  emulator = await startEmulator({ retryScheduleMs: [250, 500, 1000, 2000, 4000, 8000, 16_000] });
  database = await sharedDatabase();
  // The PaymentIntent of the first order waits here, keeping that order's request in flight.
  proxy = await holdingProxy(
    emulator.url,
    (req) => req.method === 'POST' && req.url === '/v1/payment_intents',
  );
});
afterAll(() =>
  closeAll(
    ...processes.map((api) => () => api.child.exitCode === null && api.child.kill('SIGKILL')),
    () => proxy?.close(),
    () => emulator?.close(),
    () => database?.close(),
  ),
);

function start(port: number): Promise<ApiProcess> {
  return startApiProcess(port, {
    ...database.env,
    NODE_ENV: 'test',
    STRIPE_SECRET_KEY: emulator.secretKey,
    STRIPE_PUBLISHABLE_KEY: emulator.publishableKey,
    STRIPE_WEBHOOK_SECRETS: SECRET,
    STRIPE_API_BASE: proxy.url,
    JOBS_IN_PROCESS: 'false',
    DEMO_OPERATOR_API_KEY: OPERATOR_KEY,
    SHUTDOWN_GRACE_MS: '20000',
  }).then((api) => {
    processes.push(api);
    return api;
  });
}

describe('SIGTERM, as in a rolling restart', () => {
  it('when an order is in flight, then it completes, the process exits cleanly, and the webhook that follows reaches the next process', async () => {
    const port = await freePort();
    emulator.control.addWebhookEndpoint({
      url: `http://127.0.0.1:${port}/payments/webhooks/stripe`,
      secret: SECRET,
    });
    const first = await start(port);
    const menu = (await (await fetch(`${first.url}/api/clients/demo/menu`)).json()) as Menu;
    const placing = fetch(`${first.url}/api/clients/demo/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify(pickupOrder(menu)),
    });
    await proxy.held;

    first.child.kill('SIGTERM');
    await eventually(
      () =>
        fetch(`${first.url}/healthz`).then(
          () => false,
          () => true,
        ),
      'the draining process to refuse new connections',
    );
    proxy.release();
    const placed = await placing;
    expect(placed.status).toBe(201);
    expect(await first.exited).toBe(0);

    // Paid while no process listens: Stripe's delivery is refused, then retried.
    const order = (await placed.json()) as CreateOrderResponse;
    const intentId = order.client_secret.split('_secret_')[0] ?? '';
    await new Stripe(emulator.secretKey, emulator.stripeConfig).paymentIntents.confirm(intentId, {
      payment_method: 'pm_card_visa',
    });
    const second = await start(port);
    const delivered = await eventually(
      async () =>
        emulator.control
          .deliveries()
          .find((d) => d.type === 'payment_intent.succeeded' && d.status === 'delivered'),
      'the payment webhook to be delivered',
      30_000,
    );
    expect(delivered).toMatchObject({ responseStatus: 200, attempt: expect.any(Number) });
    expect(delivered.attempt).toBeGreaterThan(1);
    const view = await fetch(`${second.url}/api/clients/demo/orders/${order.order_id}`, {
      headers: { authorization: `Bearer ${OPERATOR_KEY}` },
    }).then((res) => res.json() as Promise<OperatorOrderView>);
    expect(view.payment_status).toBe('succeeded');
    expect(view.timeline).toContainEqual(
      expect.objectContaining({
        type: 'payment_succeeded',
        actor: expect.objectContaining({ type: 'stripe' }),
      }),
    );

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 120_000);
});
