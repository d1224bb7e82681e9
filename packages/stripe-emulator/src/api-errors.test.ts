import Stripe from 'stripe';
import { type Harness, startHarness } from './testing/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.emulator.close());
beforeEach(() => h.emulator.control.reset());

const sdk = (key: string, extra: Partial<Stripe.StripeConfig> = {}) =>
  new Stripe(key, { ...h.emulator.stripeConfig, maxNetworkRetries: 0, ...extra });

describe('Idempotency-Key', () => {
  it('when the same key and params are sent again, then the saved response is replayed identically', async () => {
    const first = await h.stripe.paymentIntents.create(
      { amount: 1000, currency: 'usd' },
      { idempotencyKey: 'order-1' },
    );
    const again = await h.stripe.paymentIntents.create(
      { amount: 1000, currency: 'usd' },
      { idempotencyKey: 'order-1' },
    );
    expect(again).toEqual(first);
    expect(again.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect((await h.stripe.paymentIntents.list()).data).toHaveLength(1);
  });

  it('when the first attempt failed, then the replay is the same error', async () => {
    const attempt = () =>
      h.stripe.paymentIntents.create({ amount: 10, currency: 'usd' }, { idempotencyKey: 'too-small' });
    const first = await attempt().catch((e: unknown) => e);
    const second = await attempt().catch((e: unknown) => e);
    expect(first).toMatchObject({ code: 'amount_too_small' });
    const body = (e: unknown) => {
      const { headers, requestId, ...rest } = (e as Stripe.errors.StripeError).raw as Record<string, unknown>;
      return rest;
    };
    expect(body(second)).toEqual(body(first));
    expect((second as Stripe.errors.StripeError).headers?.['original-request']).toBe(
      (first as Stripe.errors.StripeError).requestId,
    );
  });

  it('when the same key comes with different params, then StripeIdempotencyError', async () => {
    await h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd' }, { idempotencyKey: 'k' });
    const error = await h.stripe.paymentIntents
      .create({ amount: 2000, currency: 'usd' }, { idempotencyKey: 'k' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(error).toMatchObject({ statusCode: 400, type: 'StripeIdempotencyError' });
  });

  it('when another secret key uses the same Idempotency-Key, then it is a separate request', async () => {
    const a = await h.stripe.paymentIntents.create(
      { amount: 1000, currency: 'usd' },
      { idempotencyKey: 'shared' },
    );
    const b = await sdk('sk_test_other').paymentIntents.create(
      { amount: 1000, currency: 'usd' },
      { idempotencyKey: 'shared' },
    );
    expect(b.id).not.toBe(a.id);
  });
});

describe('errors shaped like Stripe', () => {
  it('when the key is missing or not sk_test_, then StripeAuthenticationError', async () => {
    await expect(sdk('sk_live_123456').paymentIntents.list()).rejects.toBeInstanceOf(
      Stripe.errors.StripeAuthenticationError,
    );
    await expect(sdk('rk_nope').paymentIntents.list()).rejects.toMatchObject({ statusCode: 401 });
  });

  it('when a publishable key calls a secret-only endpoint or lacks client_secret, then it is refused', async () => {
    const pi = await h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd' });
    const browser = sdk(h.emulator.publishableKey);
    await expect(browser.paymentIntents.list()).rejects.toMatchObject({ statusCode: 401 });
    await expect(browser.paymentIntents.retrieve(pi.id)).rejects.toMatchObject({
      statusCode: 400,
      param: 'client_secret',
    });
    const viaSecret = await browser.paymentIntents.retrieve(pi.id, { client_secret: pi.client_secret ?? '' });
    expect(viaSecret.id).toBe(pi.id);
  });

  it('when an id is unknown, then 404 resource_missing as StripeInvalidRequestError', async () => {
    const error = await h.stripe.paymentIntents.retrieve('pi_missing').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({
      statusCode: 404,
      code: 'resource_missing',
      message: "No such payment_intent: 'pi_missing'",
    });
    await expect(h.stripe.refunds.retrieve('re_missing')).rejects.toMatchObject({
      statusCode: 404,
      code: 'resource_missing',
    });
    await expect(h.stripe.charges.retrieve('ch_missing')).rejects.toMatchObject({ statusCode: 404 });
  });

  it.each([
    [{ currency: 'usd' }, 'parameter_missing', 'amount'],
    [{ amount: 1000 }, 'parameter_missing', 'currency'],
    [{ amount: 49, currency: 'usd' }, 'amount_too_small', 'amount'],
    [{ amount: '12.5', currency: 'usd' }, 'parameter_invalid_integer', 'amount'],
  ])('when creating with %j, then 400 %s on %s', async (params, code, param) => {
    const error = await h.stripe.paymentIntents
      .create(params as unknown as Stripe.PaymentIntentCreateParams)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({ code, param });
  });

  it.each([
    [429, Stripe.errors.StripeRateLimitError],
    [500, Stripe.errors.StripeAPIError],
    [503, Stripe.errors.StripeAPIError],
  ] as const)(
    'when failRequests(%i) is set, then the SDK raises the matching class, then recovers',
    async (status, errorClass) => {
      h.emulator.control.failRequests({ status, count: 1 });
      await expect(h.stripe.paymentIntents.list()).rejects.toBeInstanceOf(errorClass);
      await expect(h.stripe.paymentIntents.list()).resolves.toMatchObject({ object: 'list' });
    },
  );

  it('when requests fail with 500 and the SDK retries with its idempotency key, then exactly one intent is created', async () => {
    h.emulator.control.failRequests({ status: 500, count: 2 });
    const retrying = sdk(h.emulator.secretKey, { maxNetworkRetries: 2 });
    await retrying.paymentIntents.create({ amount: 1000, currency: 'usd' });
    expect((await h.stripe.paymentIntents.list()).data).toHaveLength(1);
  });

  it('when latencyMs exceeds the client timeout, then the SDK raises StripeConnectionError', async () => {
    h.emulator.control.failRequests({ status: 503, count: 1, latencyMs: 500 });
    await expect(sdk(h.emulator.secretKey, { timeout: 100 }).paymentIntents.list()).rejects.toBeInstanceOf(
      Stripe.errors.StripeConnectionError,
    );
  });
});
