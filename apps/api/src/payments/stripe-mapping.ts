import Stripe from 'stripe';
import { PaymentDeclinedError, ProviderUnavailableError, ValidationError } from '../platform/errors.ts';
import type { PaymentEvent, PaymentIntentSnapshot, RefundSnapshot } from './payment-gateway.ts';

function idOf(value: string | { id: string } | null | undefined): string | null {
  if (!value) return null;
  return typeof value === 'string' ? value : value.id;
}

const INTENT_STATUSES: readonly string[] = [
  'requires_payment_method',
  'requires_confirmation',
  'requires_action',
  'processing',
  'requires_capture',
  'canceled',
  'succeeded',
] satisfies PaymentIntentSnapshot['status'][];

function intentStatus(status: string): PaymentIntentSnapshot['status'] {
  // A status newer than this code is treated as "still in flight": nothing final happens on it.
  return INTENT_STATUSES.includes(status) ? (status as PaymentIntentSnapshot['status']) : 'processing';
}

export function toIntentSnapshot(intent: Stripe.PaymentIntent): PaymentIntentSnapshot {
  return {
    id: intent.id,
    status: intentStatus(intent.status),
    amount: intent.amount,
    amountReceived: intent.amount_received,
    currency: intent.currency,
    livemode: intent.livemode,
    clientSecret: intent.client_secret,
    cancellationReason: intent.cancellation_reason ?? null,
    orderId: intent.metadata?.order_id ?? null,
    clientSlug: intent.metadata?.client_slug ?? null,
    lastPaymentError: intent.last_payment_error?.message ?? null,
  };
}

export function toRefundSnapshot(refund: Stripe.Refund): RefundSnapshot {
  const status = refund.status;
  return {
    id: refund.id,
    paymentIntentId: idOf(refund.payment_intent),
    amount: refund.amount,
    currency: refund.currency,
    status:
      status === 'succeeded' || status === 'failed' || status === 'canceled' || status === 'requires_action'
        ? status
        : 'pending',
    reason: refund.reason ?? null,
    failureReason: refund.failure_reason ?? null,
    ledgerId: refund.metadata?.refund_id ?? null,
  };
}

/** Reduces a verified event to the handful of shapes the webhook service applies. */
export function toPaymentEvent(event: Stripe.Event): PaymentEvent {
  const object = event.data.object as { object?: string };
  switch (object.object) {
    case 'payment_intent':
      return {
        kind: 'payment_intent',
        type: event.type,
        intent: toIntentSnapshot(object as Stripe.PaymentIntent),
      };
    case 'refund':
      return { kind: 'refund', type: event.type, refund: toRefundSnapshot(object as Stripe.Refund) };
    case 'charge': {
      if (event.type !== 'charge.refunded') return { kind: 'unhandled', type: event.type };
      const charge = object as Stripe.Charge;
      return {
        kind: 'charge_refunded',
        type: event.type,
        paymentIntentId: idOf(charge.payment_intent),
        refunds: (charge.refunds?.data ?? []).map(toRefundSnapshot),
      };
    }
    case 'dispute': {
      const dispute = object as Stripe.Dispute;
      return {
        kind: 'dispute',
        type: event.type,
        paymentIntentId: idOf(dispute.payment_intent),
        status: dispute.status,
        amount: dispute.amount,
      };
    }
    default:
      return { kind: 'unhandled', type: event.type };
  }
}

/** Stripe failures as domain errors: declines are the diner's to fix, outages are ours to retry. */
export function toDomainError(error: unknown): unknown {
  if (!(error instanceof Stripe.errors.StripeError)) return error;
  if (error instanceof Stripe.errors.StripeCardError) {
    return new PaymentDeclinedError(error.message, {
      code: error.code ?? null,
      decline_code: error.decline_code ?? null,
    });
  }
  if (
    error instanceof Stripe.errors.StripeRateLimitError ||
    error instanceof Stripe.errors.StripeAPIError ||
    error instanceof Stripe.errors.StripeConnectionError ||
    (error.statusCode ?? 0) >= 500
  ) {
    return new ProviderUnavailableError();
  }
  if (
    error instanceof Stripe.errors.StripeAuthenticationError ||
    error instanceof Stripe.errors.StripePermissionError
  ) {
    return new ProviderUnavailableError(
      'Payments are misconfigured on our side. Please try again later.',
      60,
    );
  }
  if (error instanceof Stripe.errors.StripeIdempotencyError) {
    // Our keys are derived from the row they protect, so a conflict means the same call is still in
    // flight elsewhere: retry later, never treat it as a refusal.
    return new ProviderUnavailableError(
      'The same payment operation is still in progress. Please retry shortly.',
      5,
    );
  }
  return new ValidationError(error.message, [{ path: error.param ?? '(payment)', message: error.message }]);
}
