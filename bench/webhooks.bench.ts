import { createHmac } from 'node:crypto';
import type autocannon from 'autocannon';
import pg from 'pg';
import { startServer } from './lib/processes.ts';
import { measure, measureInTurns, printTable, timedRun, verdict } from './lib/report.ts';
import { benchEnvironment, WEBHOOK_SECRET } from './lib/setup.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 20;
const ORDERS = 60_000;
/** Turns ours and the baseline take, in alternation, within DURATION each. */
const TURNS = 4;

interface PendingOrder {
  id: string;
  payment_intent_id: string;
}

async function insertPendingOrders(databaseUrl: string): Promise<PendingOrder[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query<PendingOrder>(
    `insert into orders (id, restaurant_id, order_number, status, payment_status, order_type, customer_name, customer_email,
       customer_phone, currency, subtotal, tax, tip, delivery_fee, total, payment_intent_id, livemode, order_token_hash)
     select gen_random_uuid(), r.id, 100000 + g, 'pending_payment', 'requires_payment', 'pickup', 'Bench Diner', 'bench@example.com',
       '+1 212 555 0100', 'usd', 1000, 89, 0, 0, 1089, 'pi_bench_' || g, false, 'bench'
     from generate_series(1, $1::int) g, restaurants r where r.slug = 'demo'
     returning id, payment_intent_id`,
    [ORDERS],
  );
  await client.end();
  return rows;
}

function signedEvent(order: PendingOrder, eventId: string): { body: string; signature: string } {
  const created = Math.floor(Date.now() / 1000);
  const body = JSON.stringify({
    id: eventId,
    object: 'event',
    api_version: '2025-01-01',
    created,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: 'payment_intent.succeeded',
    data: {
      object: {
        id: order.payment_intent_id,
        object: 'payment_intent',
        amount: 1089,
        amount_received: 1089,
        currency: 'usd',
        status: 'succeeded',
        livemode: false,
        client_secret: null,
        last_payment_error: null,
        metadata: { order_id: order.id, client_slug: 'demo' },
      },
    },
  });
  const v1 = createHmac('sha256', WEBHOOK_SECRET).update(`${created}.${body}`).digest('hex');
  return { body, signature: `t=${created},v1=${v1}` };
}

/** Each request takes the next order from `orders`, so every event is for a distinct pending order. */
function deliver(
  url: string,
  orders: PendingOrder[],
  cursor: { next: number },
  options: Partial<autocannon.Options> = {},
) {
  return timedRun({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    duration: DURATION,
    headers: { 'content-type': 'application/json' },
    ...options,
    requests: [
      {
        setupRequest: (request) => {
          const index = cursor.next % orders.length;
          cursor.next += 1;
          const order = orders[index]!;
          const { body, signature } = signedEvent(order, `evt_bench_${order.payment_intent_id}`);
          return { ...request, body, headers: { ...request.headers, 'stripe-signature': signature } };
        },
      },
    ],
  });
}

export async function benchWebhooks(): Promise<void> {
  const env = await benchEnvironment();
  const orders = await insertPendingOrders(env.databaseUrl);
  const api = await startServer('api.ts', env.serverEnv);
  const baseline = await startServer('baseline-webhooks.ts', env.serverEnv);
  try {
    const webhookUrl = `${api.info.url}/payments/webhooks/stripe`;
    const emulator = env.emulator.pid;
    const cursor = { next: 0 };
    const floorCursor = { next: 0 };
    const [floor, ours] = await measureInTurns(
      [
        {
          label: 'baseline: raw body + HMAC + INSERT',
          pids: { server: baseline.pid, emulator },
          run: (seconds) =>
            deliver(`${baseline.info.url}/webhook`, orders, floorCursor, { duration: seconds }),
        },
        {
          label: 'payment_intent.succeeded, distinct orders',
          pids: { server: api.pid, emulator },
          run: (seconds) => deliver(webhookUrl, orders, cursor, { duration: seconds }),
        },
      ],
      DURATION,
      TURNS,
    );
    const applied = cursor.next;
    const paced = await measure(
      'same, paced at 1,000 events/s',
      { server: api.pid, emulator },
      async () => (await deliver(webhookUrl, orders, cursor, { overallRate: 1000 })).result,
    );
    const duplicates = await measure(
      'duplicate deliveries (already applied)',
      { server: api.pid, emulator },
      async () =>
        (await deliver(webhookUrl, orders.slice(0, Math.min(applied, orders.length)), { next: 0 })).result,
    );
    if (cursor.next > orders.length)
      process.stdout.write(
        `note: ran out of fresh orders after ${orders.length}; later events were duplicates\n`,
      );
    printTable(
      `Webhooks: real PostgreSQL, ${CONNECTIONS} connections, ${DURATION}s each (the first two in ${TURNS} alternating turns)`,
      [floor!, ours!, paced, duplicates],
    );
    process.stdout.write(`${verdict('webhooks ratio vs baseline', ours!.rps / floor!.rps, 0.6)}\n`);
    process.stdout.write(`${verdict('webhooks events/s', ours!.rps, 1500)}\n`);
    process.stdout.write(`${verdict('webhooks p99 ms at 1,000 events/s', paced.p99, 50, false)}\n`);
  } finally {
    await api.stop();
    await baseline.stop();
    await env.stop();
  }
}
