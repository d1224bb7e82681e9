import Stripe from 'stripe';
import { toDomainError } from './stripe-mapping.ts';

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
