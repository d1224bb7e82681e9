import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Menu } from '@repo/contracts';
import { type Emulator, startEmulator } from '@repo/stripe-emulator';
import pg from 'pg';
import Stripe from 'stripe';
import { type ApiProcess, startApiProcess, until } from '../../../test/child-process.ts';
import { pickupOrder } from '../../../test/fixtures.ts';
import { type PostgresServer, postgresTools, startPostgresServer } from '../../../test/postgres-server.ts';
import { Traffic } from '../../../test/restart-traffic.ts';

const tools = postgresTools();
const WEBHOOK_SECRET = 'whsec_restart_test_secret_0001';
const OPERATOR_KEY = 'rk_restart_Q2xpZW50U2VjcmV0VmFsdWUwMDAx';

let server: PostgresServer;
let emulator: Emulator;
let api: ApiProcess;
let worker: ApiProcess;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'api-restart-'));

/** Each process's state and, when one died, what it said. */
function processes() {
  const state = (name: string, p: ApiProcess) =>
    p.alive() ? `${name}: alive` : `${name}: died\n${p.output().slice(-4000)}`;
  return [state('api', api), state('worker', worker)];
}

const suite = 'missing' in tools ? describe.skip : describe;
if ('missing' in tools) console.warn(`skipping the PostgreSQL restart test: ${tools.missing}`);

suite(`a PostgreSQL restart under traffic${'missing' in tools ? ` (skipped: ${tools.missing})` : ''}`, () => {
  beforeAll(async () => {
    if ('missing' in tools) return;
    server = await startPostgresServer(tools);
    emulator = await startEmulator({});
    const env = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      DATABASE_URL: server.url,
      DATABASE_POOL_SIZE: '8',
      DATA_DIR: dataDir,
      STRIPE_SECRET_KEY: emulator.secretKey,
      STRIPE_PUBLISHABLE_KEY: emulator.publishableKey,
      STRIPE_WEBHOOK_SECRETS: WEBHOOK_SECRET,
      STRIPE_API_BASE: emulator.url,
      DEMO_OPERATOR_API_KEY: OPERATOR_KEY,
      RATE_LIMIT_ORDERS_PER_IP: '0',
      RATE_LIMIT_OPERATOR_PER_IP: '0',
      RATE_LIMIT_OPERATOR_PER_KEY: '0',
      JOB_POLL_INTERVAL_SECONDS: '0.5',
      JOB_DISPATCH_INTERVAL_MS: '100',
      JOB_SUPERVISE_INTERVAL_SECONDS: '1',
      JOB_EXPIRE_SECONDS: '5',
      JOB_RETRY_DELAY_SECONDS: '1',
      JOB_RETRY_DELAY_MAX_SECONDS: '1',
      RECONCILE_CRON: 'off',
      IDEMPOTENCY_PURGE_CRON: 'off',
    };
    api = await startApiProcess('main', env);
    worker = await startApiProcess('worker', { ...env, JOBS_IN_PROCESS: 'false' });
  }, 90_000);

  afterAll(async () => {
    await Promise.all([api?.stop('SIGKILL'), worker?.stop('SIGKILL')]);
    await emulator?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('when PostgreSQL restarts fast and then immediately, then the API and the worker live, answer 503 meanwhile, and lose or double nothing', async () => {
    const stripe = new Stripe(emulator.secretKey, emulator.stripeConfig);
    const menu = (await (await fetch(`${api.url}/api/clients/demo/menu`)).json()) as Menu;
    let giveUpAt = Number.POSITIVE_INFINITY;
    const traffic = new Traffic({
      api: api.url,
      stripe,
      order: pickupOrder(menu),
      operatorKey: OPERATOR_KEY,
      webhookSecret: WEBHOOK_SECRET,
      giveUpAt: () => giveUpAt,
    });
    const readiness = async () => {
      if (!api.alive()) throw new Error(processes().join('\n'));
      return (await (await fetch(`${api.url}/readyz`)).json()) as { database: string };
    };
    const loops = [
      traffic.diner(),
      traffic.diner(),
      traffic.diner(),
      traffic.stripeWebhooks(),
      traffic.stripeWebhooks(),
      traffic.operator(),
    ];
    const recoveries: number[] = [];
    const stopTraffic = async () => {
      traffic.running = false;
      giveUpAt = Math.min(giveUpAt, Date.now() + 20_000);
      await Promise.all(loops);
    };
    try {
      for (const mode of ['fast', 'immediate'] as const) {
        const placedBefore = traffic.placed.length;
        await until(
          async () => traffic.refunds.length > 0 && traffic.placed.length > placedBefore + 3,
          'traffic',
          30_000,
        );
        const unavailableBefore = traffic.unavailable;
        await server.stop(mode);
        await until(async () => (await readiness()).database === 'down', '/readyz to say down', 10_000);
        await until(async () => traffic.unavailable > unavailableBefore, 'a 503 during the outage', 10_000);
        await server.start();
        const accepting = Date.now();
        await until(async () => (await readiness()).database === 'ok', '/readyz to say ok', 10_000);
        recoveries.push(Date.now() - accepting);
      }
      const placedAfter = traffic.placed.length;
      await until(async () => traffic.placed.length > placedAfter + 3, 'orders after the restarts', 30_000);
    } finally {
      await stopTraffic();
    }

    expect(processes()).toEqual(['api: alive', 'worker: alive']);
    expect(traffic.unexpected).toEqual([]);
    for (const ms of recoveries) expect(ms).toBeLessThan(2000);

    const db = new pg.Client({ connectionString: server.url });
    await db.connect();
    try {
      const intents = new Map<string, string[]>();
      for await (const intent of stripe.paymentIntents.list({ limit: 100 })) {
        const orderId = intent.metadata.order_id ?? '';
        intents.set(orderId, [...(intents.get(orderId) ?? []), intent.id]);
      }
      // Every 201 order exists, with the one PaymentIntent it was answered with.
      const { rows: orders } = await db.query<{ id: string; payment_intent_id: string | null }>(
        'select id, payment_intent_id from orders',
      );
      const intentOf = new Map(orders.map((order) => [order.id, order.payment_intent_id]));
      for (const placed of traffic.placed) {
        expect([placed.orderId, intentOf.get(placed.orderId)]).toEqual([placed.orderId, placed.intentId]);
        expect(intents.get(placed.orderId)).toEqual([placed.intentId]);
      }
      // Nothing doubled: no order has two PaymentIntents, no key two orders.
      expect([...intents.values()].filter((ids) => ids.length > 1)).toEqual([]);
      const { rows: keys } = await db.query<{ n: number }>(
        "select count(*)::int as n from idempotency_keys where scope = 'orders.create' and resource_id is not null",
      );
      expect(orders.length).toBe(keys[0]?.n);

      // Every 2xx webhook is in the inbox, applied, and its order confirmed with its jobs once.
      const { rows: events } = await db.query<{ id: string; outcome: string }>(
        'select id, outcome from webhook_events',
      );
      const outcomeOf = new Map(events.map((event) => [event.id, event.outcome]));
      for (const webhook of traffic.webhooks)
        expect([webhook.eventId, outcomeOf.get(webhook.eventId)]).toEqual([webhook.eventId, 'applied']);
      const { rows: doubledJobs } = await db.query(
        'select order_id, kind, ref from order_jobs group by order_id, kind, ref having count(*) > 1',
      );
      expect(doubledJobs).toEqual([]);

      // Each operator refund is in the ledger and at Stripe once.
      for (const refund of traffic.refunds) {
        const { rows } = await db.query('select amount from refunds where order_id = $1', [refund.orderId]);
        expect(rows).toEqual([{ amount: 100 }]);
        expect((await stripe.refunds.list({ payment_intent: refund.intentId })).data).toHaveLength(1);
      }

      // The job queue came back too: every confirmation email of a paid order goes out.
      await until(
        async () => {
          const { rows } = await db.query(
            "select 1 from order_jobs where kind = 'confirmation_email' and status <> 'succeeded'",
          );
          return rows.length === 0;
        },
        'the confirmation emails',
        30_000,
      );
    } finally {
      await db.end();
    }
  }, 180_000);
});
