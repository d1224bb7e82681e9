import type Stripe from 'stripe';
import { type Harness, startHarness } from './testing/harness.ts';
import { answerThreeDSecure } from './testing/three-d-secure.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.emulator.close());
beforeEach(() => h.emulator.control.reset());

const authorize = (payment_method = 'pm_card_visa') =>
  h.stripe.paymentIntents.create({
    amount: 2500,
    currency: 'usd',
    capture_method: 'manual',
    confirm: true,
    payment_method,
    return_url: 'http://localhost:4321/done',
  });
const typesSince = (index: number) =>
  h.emulator.control
    .events()
    .slice(index)
    .map((e) => e.type);
const expireOverHttp = (id: string) =>
  fetch(`${h.emulator.url}/_emulator/payment_intents/${id}/expire-authorization`, { method: 'POST' });

describe('authorization expiry', () => {
  it('when the hold expires, then charge.expired and payment_intent.canceled (reason expired) follow and capture is refused', async () => {
    const pi = await authorize();
    const before = h.emulator.control.events().length;
    h.emulator.control.expireAuthorization(pi.id);
    const expired = await h.stripe.paymentIntents.retrieve(pi.id);
    expect(expired).toMatchObject({
      status: 'canceled',
      cancellation_reason: 'expired',
      amount_capturable: 0,
    });
    expect(expired.canceled_at).toEqual(expect.any(Number));
    expect(typesSince(before)).toEqual(['charge.expired', 'payment_intent.canceled']);
    const charge = await h.stripe.charges.retrieve(String(pi.latest_charge));
    expect(charge).toMatchObject({
      captured: false,
      amount_captured: 0,
      refunded: false,
      amount_refunded: 0,
    });
    await expect(h.stripe.paymentIntents.capture(pi.id)).rejects.toMatchObject({
      code: 'payment_intent_unexpected_state',
      message: expect.stringContaining('it has a status of canceled'),
    });
  });

  it('when expired over HTTP, then it behaves the same; a PaymentIntent without a hold answers 400', async () => {
    const pi = await authorize();
    expect((await expireOverHttp(pi.id)).status).toBe(200);
    expect((await h.stripe.paymentIntents.retrieve(pi.id)).cancellation_reason).toBe('expired');
    const again = await expireOverHttp(pi.id);
    expect(again.status).toBe(400);
    expect(((await again.json()) as { error: string }).error).toMatch(/requires_capture/);
    expect((await expireOverHttp('pi_missing')).status).toBe(400);
  });

  it('when captured, canceled or reset first, then the hold no longer expires', async () => {
    const captured = await authorize();
    await h.stripe.paymentIntents.capture(captured.id);
    expect(() => h.emulator.control.expireAuthorization(captured.id)).toThrow(/succeeded/);
    const canceled = await authorize();
    await h.stripe.paymentIntents.cancel(canceled.id);
    expect(() => h.emulator.control.expireAuthorization(canceled.id)).toThrow(/canceled/);
  });
});

describe('capture_method values', () => {
  it.each(['automatic', 'automatic_async'] as const)(
    'when capture_method is %s, then confirm takes the money at once',
    async (capture_method) => {
      const pi = await h.stripe.paymentIntents.create({
        amount: 900,
        currency: 'usd',
        capture_method,
        confirm: true,
        payment_method: 'pm_card_visa',
      });
      expect(pi).toMatchObject({
        status: 'succeeded',
        capture_method,
        amount_received: 900,
        amount_capturable: 0,
      });
    },
  );

  it('when capture_method is not given, then it is automatic_async; an unknown value is refused', async () => {
    const pi = await h.stripe.paymentIntents.create({ amount: 900, currency: 'usd' });
    expect(pi.capture_method).toBe('automatic_async');
    const updated = await h.stripe.paymentIntents.update(pi.id, { capture_method: 'manual' });
    expect(updated.capture_method).toBe('manual');
    await expect(
      h.stripe.paymentIntents.create({
        amount: 900,
        currency: 'usd',
        capture_method: 'later' as Stripe.PaymentIntentCreateParams.CaptureMethod,
      }),
    ).rejects.toMatchObject({ statusCode: 400, param: 'capture_method' });
  });

  it('when a 3-D Secure card authenticates, then the intent waits in requires_capture and returns as succeeded', async () => {
    const pi = await authorize('pm_card_authenticationRequired');
    expect(pi.status).toBe('requires_action');
    const redirect = await answerThreeDSecure(pi, 'complete');
    expect(redirect?.searchParams.get('redirect_status')).toBe('succeeded');
    const held = await h.stripe.paymentIntents.retrieve(pi.id);
    expect(held).toMatchObject({ status: 'requires_capture', amount_capturable: 2500 });
    expect((await h.stripe.paymentIntents.capture(held.id)).status).toBe('succeeded');
  });
});
