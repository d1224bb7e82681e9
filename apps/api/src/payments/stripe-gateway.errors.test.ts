import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { stripeTargets, uniqueOrderId } from '../../test/stripe-targets.ts';
import { DomainError } from '../platform/errors.ts';
import { createLogger } from '../platform/logger.ts';
import { type PaymentGateway, RefundAlreadyMadeError, UnknownStripeStatusError } from './payment-gateway.ts';
import { createStripeGateway } from './stripe-gateway.ts';

describe.each(stripeTargets().map((target) => [target.name, target] as const))(
  'refunding a payment Stripe has already refunded in full, against %s',
  (_name, target) => {
    let gateway: PaymentGateway;
    let sdk: Stripe;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ gateway, sdk, close } = await target.open());
    });
    afterAll(() => close());

    async function paidIntent(): Promise<{ id: string; orderId: string }> {
      const orderId = uniqueOrderId();
      const intent = await gateway.createPaymentIntent({
        orderId,
        clientSlug: 'demo',
        orderNumber: 1001,
        amount: 2_500,
        currency: 'usd',
        receiptEmail: 'ada@example.com',
        idempotencyKey: `order-${orderId}-payment-intent`,
      });
      await sdk.paymentIntents.confirm(intent.id, {
        payment_method: 'pm_card_visa',
        return_url: 'https://example.com/return',
      });
      return { id: intent.id, orderId };
    }

    const refundInput = (intent: { id: string; orderId: string }, ledgerId = uniqueOrderId()) => ({
      paymentIntentId: intent.id,
      amount: 700,
      reason: 'requested_by_customer' as const,
      ledgerId,
      orderId: intent.orderId,
      idempotencyKey: `refund-${ledgerId}`,
    });

    it('when another refund gave all of the money back, then it is a RefundAlreadyMadeError listing the refunds, and nothing more is refunded', async () => {
      const intent = await paidIntent();
      const elsewhere = await sdk.refunds.create({ payment_intent: intent.id });
      const error = await gateway.createRefund(refundInput(intent)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RefundAlreadyMadeError);
      expect(error).toMatchObject({
        status: 409,
        type: 'refund-already-made',
        paymentIntentId: intent.id,
        refunds: [{ id: elsewhere.id, amount: 2_500, status: 'succeeded', ledgerId: null }],
      });
      expect((await gateway.listRefunds(intent.id)).map((refund) => refund.id)).toEqual([elsewhere.id]);
    });

    it('when this refund went through on an attempt whose key Stripe has since forgotten, then that refund is returned', async () => {
      const intent = await paidIntent();
      const ledgerId = uniqueOrderId();
      const made = await sdk.refunds.create({ payment_intent: intent.id, metadata: { refund_id: ledgerId } });
      const again = { ...refundInput(intent, ledgerId), idempotencyKey: `refund-${ledgerId}-a-day-later` };
      expect(await gateway.createRefund(again)).toMatchObject({
        id: made.id,
        ledgerId,
        amount: 2_500,
        status: 'succeeded',
      });
    });
  },
);

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
