import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { DomainError } from '../platform/errors.ts';
import { createLogger } from '../platform/logger.ts';
import { type PaymentGateway, UnknownStripeStatusError } from './payment-gateway.ts';
import { createStripeGateway } from './stripe-gateway.ts';

/** A stand-in for Stripe's API that answers every request with one canned object. */
async function cannedStripe(answer: (method: string, path: string) => object) {
  const server: Server = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Request-Id': 'req_canned' });
    res.end(JSON.stringify(answer(req.method ?? 'GET', req.url ?? '/')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('payment gateway, when Stripe reports a status this code does not know', () => {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger(
    { NODE_ENV: 'test', LOG_LEVEL: 'error' },
    { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
  );
  const intent = {
    id: 'pi_canned',
    object: 'payment_intent',
    status: 'requires_reauthorization',
    amount: 2_500,
    amount_received: 0,
    currency: 'usd',
    livemode: false,
    client_secret: 'pi_canned_secret_x',
    metadata: {},
    last_payment_error: null,
  };
  const refund = {
    id: 're_canned',
    object: 'refund',
    payment_intent: 'pi_canned',
    amount: 700,
    currency: 'usd',
    status: 'reversed',
    reason: null,
    metadata: { refund_id: 'ledger-1' },
  };
  let server: Server;
  let gateway: PaymentGateway;
  beforeAll(async () => {
    const stripe = await cannedStripe((_method, path) => (path.startsWith('/v1/refunds') ? refund : intent));
    server = stripe.server;
    gateway = createStripeGateway({
      secretKey: 'sk_test_canned',
      publishableKey: 'pk_test_canned',
      webhookSecrets: ['whsec_canned'],
      apiBase: stripe.url,
      logger,
    });
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    lines.length = 0;
  });

  it('when a PaymentIntent is read, then it is an UnknownStripeStatusError, logged with its id and status', async () => {
    const error = await gateway.retrievePaymentIntent('pi_canned').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnknownStripeStatusError);
    expect(error).toMatchObject({
      object: 'payment_intent',
      objectId: 'pi_canned',
      stripeStatus: 'requires_reauthorization',
    });
    expect(lines).toEqual([
      expect.objectContaining({ level: 50, objectId: 'pi_canned', status: 'requires_reauthorization' }),
    ]);
  });

  it('when a refund is created, then it is an UnknownStripeStatusError, not a refusal (no DomainError)', async () => {
    const error = await gateway
      .createRefund({
        paymentIntentId: 'pi_canned',
        amount: 700,
        reason: 'requested_by_customer',
        ledgerId: 'ledger-1',
        orderId: 'order-1',
        idempotencyKey: 'refund-ledger-1',
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnknownStripeStatusError);
    expect(error).not.toBeInstanceOf(DomainError);
    expect(lines).toEqual([
      expect.objectContaining({ level: 50, object: 'refund', objectId: 're_canned', status: 'reversed' }),
    ]);
  });

  it('when a signed event carries it, then the event is verified as unknown_status and logged with its id', () => {
    const payload = JSON.stringify({
      id: 'evt_canned',
      object: 'event',
      type: 'payment_intent.updated',
      created: 1_795_000_000,
      livemode: false,
      data: { object: intent },
    });
    const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_canned' });
    const verified = gateway.verifyWebhook(Buffer.from(payload), header);
    expect(verified).toMatchObject({ id: 'evt_canned', event: { kind: 'unknown_status' } });
    expect(lines).toEqual([
      expect.objectContaining({
        level: 50,
        eventId: 'evt_canned',
        objectId: 'pi_canned',
        status: 'requires_reauthorization',
      }),
    ]);
  });
});
