import type { AddressInfo } from 'node:net';
import express from 'express';
import pg from 'pg';
import Stripe from 'stripe';

// The floor for order creation: JSON body, one INSERT in a transaction, one PaymentIntent.
const pool = new pg.Pool({
  connectionString: process.env.BENCH_DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
});
await pool.query(
  'create table if not exists baseline_orders (id bigserial primary key, body jsonb not null, intent text)',
);
const base = new URL(process.env.BENCH_STRIPE_API_BASE!);
const stripe = new Stripe(process.env.BENCH_STRIPE_SECRET_KEY!, {
  host: base.hostname,
  port: Number(base.port),
  protocol: 'http',
});

const app = express();
app.use(express.json());
app.post('/orders', async (req, res) => {
  const client = await pool.connect();
  let id: string;
  try {
    await client.query('begin');
    id = (
      await client.query<{ id: string }>('insert into baseline_orders (body) values ($1) returning id', [
        req.body,
      ])
    ).rows[0]!.id;
    await client.query('commit');
  } finally {
    client.release();
  }
  const intent = await stripe.paymentIntents.create(
    {
      amount: 2000,
      currency: 'usd',
      automatic_payment_methods: { enabled: true },
      metadata: { order_id: id },
    },
    { idempotencyKey: `baseline-${id}` },
  );
  res.status(201).json({ id, client_secret: intent.client_secret });
});
const server = app.listen(0, '127.0.0.1', () => {
  process.stdout.write(
    `${JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })}\n`,
  );
});
process.on('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
