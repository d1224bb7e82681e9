import Stripe from 'stripe';
import { type Harness, startHarness } from '../../testing/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.emulator.close());
beforeEach(() => h.emulator.control.reset());

type Loose = Record<string, unknown>;
const create = (params: Loose, options?: Stripe.RequestOptions) =>
  h.stripe.paymentIntents.create(params as unknown as Stripe.PaymentIntentCreateParams, options);
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (e: unknown) => e,
  );

describe('parameters Stripe refuses', () => {
  it.each([
    [{ amount: 1000, currency: 'usd', colour: 'red' }, 'colour'],
    [
      {
        amount: 1000,
        currency: 'usd',
        metadata: { a: '1' },
        automatic_payment_methods: { enabled: true, x: 1 },
      },
      'automatic_payment_methods[x]',
    ],
    [
      {
        amount: 1000,
        currency: 'usd',
        payment_method_data: { type: 'card', billing_details: { nick: 'x' } },
      },
      'payment_method_data[billing_details][nick]',
    ],
  ])('when creating with %j, then 400 parameter_unknown names %s', async (params, param) => {
    const error = await refusal(create(params));
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({
      statusCode: 400,
      code: 'parameter_unknown',
      param,
      message: `Received unknown parameter: ${param}`,
    });
  });

  it.each([
    [{ amount: 'ten', currency: 'usd' }, 'parameter_invalid_integer', 'amount'],
    [{ amount: 1000, currency: 'usd', confirm: 'yes' }, 'parameter_invalid_boolean', 'confirm'],
    [{ amount: 1000, currency: 'usd', description: { a: 'b' } }, 'parameter_invalid_string', 'description'],
    [
      { amount: 1000, currency: 'usd', automatic_payment_methods: 'on' },
      'parameter_invalid_object',
      'automatic_payment_methods',
    ],
    [
      { amount: 1000, currency: 'usd', capture_method: 'later' },
      'parameter_invalid_string',
      'capture_method',
    ],
    [
      { amount: 1000, currency: 'usd', metadata: { order: { id: 1 } } },
      'parameter_invalid_string',
      'metadata[order]',
    ],
    [
      { amount: 1000, currency: 'usd', automatic_payment_methods: { allow_redirects: 'never' } },
      'parameter_missing',
      'automatic_payment_methods[enabled]',
    ],
    [{ currency: 'usd' }, 'parameter_missing', 'amount'],
  ])('when creating with %j, then 400 %s on %s', async (params, code, param) => {
    expect(await refusal(create(params))).toMatchObject({ statusCode: 400, code, param });
  });

  it('when an enum value is wrong, then the message lists the allowed values as Stripe does', async () => {
    const pi = await create({ amount: 1000, currency: 'usd' });
    await expect(
      h.stripe.paymentIntents.cancel(pi.id, {
        cancellation_reason: 'bored' as Stripe.PaymentIntentCancelParams.CancellationReason,
      }),
    ).rejects.toMatchObject({
      param: 'cancellation_reason',
      message:
        'Invalid cancellation_reason: must be one of duplicate, fraudulent, requested_by_customer, or abandoned',
    });
  });

  it('when metadata breaks Stripe limits (key over 40 characters, more than 50 keys), then it is refused', async () => {
    await expect(
      create({ amount: 1000, currency: 'usd', metadata: { ['k'.repeat(41)]: 'v' } }),
    ).rejects.toMatchObject({ statusCode: 400 });
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
    await expect(create({ amount: 1000, currency: 'usd', metadata: many })).rejects.toMatchObject({
      param: 'metadata',
    });
  });

  it('when every route gets an unknown parameter, then each refuses it', async () => {
    const pi = await create({
      amount: 1000,
      currency: 'usd',
      capture_method: 'manual',
      confirm: true,
      payment_method: 'pm_card_visa',
    });
    const bad = { nope: '1' } as Loose;
    const calls: Promise<unknown>[] = [
      h.stripe.paymentIntents.retrieve(pi.id, bad),
      h.stripe.paymentIntents.update(pi.id, bad),
      h.stripe.paymentIntents.list(bad),
      h.stripe.paymentIntents.capture(pi.id, bad),
      h.stripe.paymentIntents.cancel(pi.id, bad),
      h.stripe.paymentIntents.confirm(pi.id, bad),
      h.stripe.charges.list(bad),
      h.stripe.charges.retrieve(String(pi.latest_charge), bad),
      h.stripe.refunds.create({ payment_intent: pi.id, ...bad }),
      h.stripe.refunds.list(bad),
      h.stripe.events.list(bad),
      h.stripe.paymentIntents.search({ query: "status:'succeeded'", ...bad }),
    ];
    for (const call of calls)
      expect(await refusal(call)).toMatchObject({ code: 'parameter_unknown', param: 'nope' });
  });

  it('when a refused request is retried with its Idempotency-Key after fixing it, then the fix goes through', async () => {
    await expect(
      create({ amount: 1000, currency: 'usd', colour: 'red' }, { idempotencyKey: 'fix-me' }),
    ).rejects.toMatchObject({
      code: 'parameter_unknown',
    });
    const pi = await create({ amount: 1000, currency: 'usd' }, { idempotencyKey: 'fix-me' });
    expect(pi.lastResponse.headers['idempotent-replayed']).toBeUndefined();
  });
});
