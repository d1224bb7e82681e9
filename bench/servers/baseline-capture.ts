import type { AddressInfo } from 'node:net';
import express from 'express';
import Stripe from 'stripe';

// The floor for accepting an order: JSON body, one capture of an authorized PaymentIntent.
const base = new URL(process.env.BENCH_STRIPE_API_BASE!);
const stripe = new Stripe(process.env.BENCH_STRIPE_SECRET_KEY!, {
  host: base.hostname,
  port: Number(base.port),
  protocol: 'http',
});

const app = express();
app.use(express.json());
app.post('/capture/:intentId', async (req, res) => {
  const intent = await stripe.paymentIntents.capture(
    req.params.intentId,
    {},
    { idempotencyKey: `baseline-capture-${req.params.intentId}` },
  );
  res.json({ id: intent.id, status: intent.status });
});
const server = app.listen(0, '127.0.0.1', () => {
  process.stdout.write(
    `${JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })}\n`,
  );
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
