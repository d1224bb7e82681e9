import Stripe from 'stripe';
import { UnknownStripeStatusError } from './payment-gateway.ts';
import type { IntentFields, RefundFields } from './stripe-event.schemas.ts';
import { toDomainError, toIntentSnapshot, toRefundSnapshot, toVerifiedEvent } from './stripe-mapping.ts';

const intent = (status: string): IntentFields => ({
  id: 'pi_test_mapping',
  status,
  amount: 2_500,
  amount_received: 0,
  currency: 'usd',
  livemode: false,
  client_secret: 'pi_test_mapping_secret_x',
  metadata: {},
  last_payment_error: null,
});

const refund = (status: string | null): RefundFields => ({
  id: 're_test_mapping',
  payment_intent: 'pi_test_mapping',
  amount: 700,
  currency: 'usd',
  status,
  reason: null,
  metadata: null,
});

const event = (type: string, object: object) => ({
  id: 'evt_test_mapping',
  type,
  created: 1_795_000_000,
  livemode: false,
  data: { object },
});

describe('Stripe statuses', () => {
  it.each([
    'requires_payment_method',
    'requires_confirmation',
    'requires_action',
    'processing',
    'requires_capture',
    'canceled',
    'succeeded',
  ])('when a PaymentIntent is %s, then the snapshot keeps that status', (status) => {
    expect(toIntentSnapshot(intent(status)).status).toBe(status);
  });

  it.each(['pending', 'requires_action', 'succeeded', 'failed', 'canceled'])(
    'when a refund is %s, then the snapshot keeps that status',
    (status) => {
      expect(toRefundSnapshot(refund(status)).status).toBe(status);
    },
  );

  it.each([
    [
      'a PaymentIntent has a status this code does not know',
      () => toIntentSnapshot(intent('requires_reauthorization')),
      'payment_intent',
      'pi_test_mapping',
      'requires_reauthorization',
    ],
    [
      'a refund has a status this code does not know',
      () => toRefundSnapshot(refund('reversed')),
      'refund',
      're_test_mapping',
      'reversed',
    ],
    ['a refund has no status', () => toRefundSnapshot(refund(null)), 'refund', 're_test_mapping', null],
  ])(
    'when %s, then it is an UnknownStripeStatusError naming the object and the status',
    (_name, map, object, objectId, stripeStatus) => {
      let thrown: unknown;
      try {
        map();
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(UnknownStripeStatusError);
      expect(thrown).toMatchObject({ object, objectId, stripeStatus });
    },
  );

  it.each([
    ['payment_intent.updated', { object: 'payment_intent', ...intent('requires_reauthorization') }],
    ['refund.updated', { object: 'refund', ...refund('reversed') }],
    [
      'charge.refunded',
      {
        object: 'charge',
        payment_intent: 'pi_test_mapping',
        refunds: { data: [refund('succeeded'), { ...refund('reversed'), id: 're_test_other' }] },
      },
    ],
  ])(
    'when a signed %s event carries an unknown status, then it is read as unknown_status, not refused',
    (type, object) => {
      const verified = toVerifiedEvent(event(type, object), () => 'evt_unused');
      expect(verified).toMatchObject({ id: 'evt_test_mapping', type });
      expect(verified.event).toMatchObject({ kind: 'unknown_status', type });
      expect(verified.event.kind === 'unknown_status' && verified.event.problem).toBeInstanceOf(
        UnknownStripeStatusError,
      );
    },
  );
});

type RawError = NonNullable<ConstructorParameters<typeof Stripe.errors.StripeCardError>[0]>;
const raw = (type: NonNullable<RawError['type']>, extra: Partial<RawError> = {}): RawError => ({
  ...extra,
  type,
  message: `${type} happened`,
});

describe('toDomainError', () => {
  it.each([
    [
      'a card decline',
      new Stripe.errors.StripeCardError(
        raw('card_error', { code: 'card_declined', decline_code: 'generic_decline' }),
      ),
      402,
      'payment-declined',
    ],
    [
      'a rate limit',
      new Stripe.errors.StripeRateLimitError(raw('rate_limit_error')),
      503,
      'provider-unavailable',
    ],
    ['a Stripe outage', new Stripe.errors.StripeAPIError(raw('api_error')), 503, 'provider-unavailable'],
    [
      'a network failure',
      new Stripe.errors.StripeConnectionError(raw('api_error')),
      503,
      'provider-unavailable',
    ],
    [
      'a bad secret key',
      new Stripe.errors.StripeAuthenticationError(raw('authentication_error')),
      503,
      'provider-unavailable',
    ],
    [
      'the same idempotent call still in flight',
      new Stripe.errors.StripeIdempotencyError(raw('idempotency_error')),
      503,
      'provider-unavailable',
    ],
    [
      'an invalid parameter',
      new Stripe.errors.StripeInvalidRequestError(raw('invalid_request_error', { param: 'amount' })),
      422,
      'validation-error',
    ],
  ])('when Stripe reports %s, then it becomes a %i %s problem', (_name, error, status, type) => {
    expect(toDomainError(error)).toMatchObject({ status, type });
  });

  it('when a 503 is mapped, then it carries Retry-After', () => {
    expect(toDomainError(new Stripe.errors.StripeAPIError(raw('api_error')))).toMatchObject({
      headers: { 'Retry-After': '5' },
    });
  });

  it('when the error is not from Stripe, then it passes through untouched', () => {
    const error = new Error('disk full');
    expect(toDomainError(error)).toBe(error);
  });
});
