import type Stripe from 'stripe';
import { ApiError } from '../errors.ts';
import { scheduleExpiry } from './authorization.ts';
import { declineDetails } from './cards.ts';
import { buildCharge } from './charge.object.ts';
import type { Domain } from './context.ts';
import { scheduleDispute } from './disputes.ts';
import type { Cause } from './events.ts';
import { paymentMethodObject } from './payment-methods.ts';
import type { StoredPaymentMethod } from './store.ts';

/** Charges the card; a decline leaves the intent retryable and answers 402 like Stripe. */
export function chargeCard(
  domain: Domain,
  pi: Stripe.PaymentIntent,
  pm: StoredPaymentMethod,
  threeDSecure: boolean,
  cause: Cause,
): Stripe.PaymentIntent {
  const failure = pm.card.decline ? declineDetails(pm.card.decline) : null;
  const authorizeOnly = pi.capture_method === 'manual';
  const charge = buildCharge({ pi, pm, threeDSecure, failure, authorizeOnly });
  domain.store.charges.set(charge.id, charge);
  pi.latest_charge = charge.id;
  pi.next_action = null;
  if (!failure && authorizeOnly) {
    // Stripe announces an authorization with charge.succeeded (captured: false), then the hold.
    pi.status = 'requires_capture';
    pi.amount_capturable = pi.amount;
    domain.events.emit('charge.succeeded', charge, cause);
    domain.events.emit('payment_intent.amount_capturable_updated', pi, cause);
    scheduleExpiry(domain, pi);
    return pi;
  }
  if (!failure) {
    pi.status = 'succeeded';
    pi.amount_received = pi.amount;
    domain.events.emit('charge.succeeded', charge, cause);
    domain.events.emit('payment_intent.succeeded', pi, cause);
    if (pm.card.dispute) scheduleDispute(domain, charge);
    return pi;
  }
  pi.status = 'requires_payment_method';
  pi.payment_method = null;
  pi.last_payment_error = {
    type: 'card_error',
    charge: charge.id,
    code: failure.code,
    decline_code: failure.declineCode,
    doc_url: `https://stripe.com/docs/error-codes/${failure.code.replaceAll('_', '-')}`,
    message: failure.message,
    payment_method: paymentMethodObject(pm),
  };
  domain.events.emit('charge.failed', charge, cause);
  domain.events.emit('payment_intent.payment_failed', pi, cause);
  throw new ApiError(402, {
    type: 'card_error',
    code: failure.code,
    decline_code: failure.declineCode,
    message: failure.message,
    charge: charge.id,
    doc_url: pi.last_payment_error.doc_url,
    payment_intent: structuredClone(pi),
    payment_method: paymentMethodObject(pm),
  });
}

export function failAuthentication(
  domain: Domain,
  pi: Stripe.PaymentIntent,
  pm: StoredPaymentMethod,
  cause: Cause,
) {
  pi.status = 'requires_payment_method';
  pi.payment_method = null;
  pi.next_action = null;
  pi.last_payment_error = {
    type: 'invalid_request_error',
    code: 'payment_intent_authentication_failure',
    doc_url: 'https://stripe.com/docs/error-codes/payment-intent-authentication-failure',
    message:
      'The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.',
    payment_method: paymentMethodObject(pm),
  };
  domain.events.emit('payment_intent.payment_failed', pi, cause);
}
