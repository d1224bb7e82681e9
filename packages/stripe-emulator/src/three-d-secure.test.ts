import type Stripe from 'stripe';
import { type Harness, startHarness } from './testing/harness.ts';
import { answerThreeDSecure } from './testing/three-d-secure.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.emulator.close());
beforeEach(() => h.emulator.control.reset());

const confirm3ds = (extra: Partial<Stripe.PaymentIntentCreateParams>) =>
  h.stripe.paymentIntents.create({
    amount: 1500,
    currency: 'usd',
    confirm: true,
    payment_method: 'pm_card_threeDSecure2Required',
    ...extra,
  });

describe('3-D Secure next_action', () => {
  it('when confirmed with a return_url, then next_action is redirect_to_url carrying that return_url', async () => {
    const pi = await confirm3ds({ return_url: 'https://example.com/back' });
    expect(pi.next_action).toMatchObject({
      type: 'redirect_to_url',
      redirect_to_url: {
        url: expect.stringContaining('/_emulator/3ds/'),
        return_url: 'https://example.com/back',
      },
    });
  });

  it('when confirmed without a return_url, then next_action is use_stripe_sdk, for Stripe.js to handle', async () => {
    const pi = await confirm3ds({});
    expect(pi.next_action?.type).toBe('use_stripe_sdk');
    expect(pi.next_action?.redirect_to_url).toBeUndefined();
    await answerThreeDSecure(pi, 'complete');
    expect((await h.stripe.paymentIntents.retrieve(pi.id)).status).toBe('succeeded');
  });

  it('when use_stripe_sdk is true, then next_action is use_stripe_sdk even with a return_url', async () => {
    const pi = await confirm3ds({ return_url: 'https://example.com/back', use_stripe_sdk: true });
    expect(pi.next_action?.type).toBe('use_stripe_sdk');
    const redirect = await answerThreeDSecure(pi, 'complete');
    expect(redirect?.searchParams.get('redirect_status')).toBe('succeeded');
  });
});
