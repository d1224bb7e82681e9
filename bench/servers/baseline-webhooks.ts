import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express from 'express';
import pg from 'pg';

// The floor for webhooks: raw body, one HMAC verification, one INSERT.
const secret = process.env.BENCH_WEBHOOK_SECRET!;
const pool = new pg.Pool({
  connectionString: process.env.BENCH_DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
});
await pool.query('create table if not exists baseline_events (id text primary key, payload jsonb not null)');

const app = express();
app.post('/webhook', express.raw({ type: () => true }), async (req, res) => {
  const header = req.get('Stripe-Signature') ?? '';
  const t = /t=(\d+)/.exec(header)?.[1] ?? '';
  const v1 = Buffer.from(/v1=([0-9a-f]+)/.exec(header)?.[1] ?? '', 'hex');
  const expected = createHmac('sha256', secret)
    .update(`${t}.`)
    .update(req.body as Buffer)
    .digest();
  if (v1.length !== expected.length || !timingSafeEqual(v1, expected)) {
    res.status(400).end();
    return;
  }
  const event = JSON.parse(String(req.body)) as { id: string };
  await pool.query('insert into baseline_events (id, payload) values ($1, $2) on conflict do nothing', [
    event.id,
    req.body.toString(),
  ]);
  res.json({ received: true });
});
const server = app.listen(0, '127.0.0.1', () => {
  process.stdout.write(
    `${JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })}\n`,
  );
});
process.on('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
